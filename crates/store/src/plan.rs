//! Checks shared by every [`Store`](crate::Store) implementation of `place`.

use std::collections::{HashMap, HashSet};

use crate::{Error, Placement, Result, StoryId, Target};

/// Hex digits of a derived story id; more are taken only on a collision.
const ID_DIGITS: usize = 10;

/// The ids of the new stories a plan asks for, by plan number, derived from each new story's
/// first article. `taken` says whether an id is already used in the store.
pub(crate) fn new_story_ids(
    plan: &[Placement],
    taken: &mut dyn FnMut(&StoryId) -> Result<bool>,
) -> Result<HashMap<u32, StoryId>> {
    let mut ids: HashMap<u32, StoryId> = HashMap::new();
    let mut used: HashSet<StoryId> = HashSet::new();
    for p in plan {
        let Target::New(n) = p.target else { continue };
        if ids.contains_key(&n) {
            continue;
        }
        let mut digits = ID_DIGITS;
        let id = loop {
            let id = StoryId::derive(&p.article, digits);
            if !used.contains(&id) && !taken(&id)? {
                break id;
            }
            if digits >= 64 {
                return Err(Error::InvalidPlan {
                    reason: format!("no free story id for article {}", p.article),
                });
            }
            digits += 2;
        };
        used.insert(id.clone());
        ids.insert(n, id);
    }
    Ok(ids)
}

/// Refuses a plan that names an article twice.
pub(crate) fn check_unique(plan: &[Placement]) -> Result<()> {
    let mut seen = HashSet::new();
    for p in plan {
        if !seen.insert(p.article.as_str()) {
            return Err(Error::InvalidPlan {
                reason: format!("article {} is placed twice", p.article),
            });
        }
    }
    Ok(())
}
