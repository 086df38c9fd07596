//! Single-linkage grouping, shared by the steps that group mentions into one thing (the
//! renderings of a quote, the dates of an event, the numbers of a fact).

use std::collections::BTreeMap;

use crate::analysis::merge_sorted;

/// Groups `0..n` by single linkage: `i` and `j` end in one group when `same(i, j)` holds for
/// them or for a chain of pairs between them. `same` is asked about each pair `i < j` at most
/// once, and not at all once the two are already linked. Groups come out ordered by their
/// smallest member, each group's members in ascending order.
///
/// Each newcomer `i` is compared group by group: with the members after it of each group it is
/// not yet in, until one links it, so a pair already linked costs nothing (thousands of
/// mentions of one thing in a large story form a few groups quickly).
pub(crate) fn single_linkage(
    n: usize,
    mut same: impl FnMut(usize, usize) -> bool,
) -> Vec<Vec<usize>> {
    // Groups as member lists (ascending) with their ids, merged smaller into larger.
    let mut group_of: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut live: Vec<usize> = (0..n).collect();
    for i in 0..n {
        // The groups holding a member after `i` (a group merged away is left empty).
        for &g in &live {
            if g == group_of[i] || members[g].is_empty() {
                continue;
            }
            let from = members[g].partition_point(|&j| j <= i);
            let Some(&j) = members[g][from..].iter().find(|&&j| same(i, j)) else { continue };
            // Merge the smaller group into the larger one.
            let (a, b) = (group_of[i], group_of[j]);
            let (keep, gone) = if members[a].len() >= members[b].len() { (a, b) } else { (b, a) };
            let moved = std::mem::take(&mut members[gone]);
            for &m in &moved {
                group_of[m] = keep;
            }
            members[keep] = merge_sorted(&members[keep], &moved);
        }
        // Groups whose members all come before the next newcomer need no more visits.
        live.retain(|&g| members[g].last().is_some_and(|&last| last > i));
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (g, m) in members.into_iter().enumerate() {
        if let Some(&first) = m.first() {
            debug_assert!(group_of[first] == g);
            groups.insert(first, m);
        }
    }
    groups.into_values().collect()
}

/// [`single_linkage`] when `same(i, j)` can only hold for the `j > i` that `candidates(i)`
/// lists (from an index of what the two must share): only those pairs are asked, in the order
/// listed, each at most once and not once the two are linked.
pub(crate) fn single_linkage_among(
    n: usize,
    mut candidates: impl FnMut(usize) -> Vec<usize>,
    mut same: impl FnMut(usize, usize) -> bool,
) -> Vec<Vec<usize>> {
    let mut group_of: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    for i in 0..n {
        for j in candidates(i) {
            if j <= i || j >= n || group_of[i] == group_of[j] || !same(i, j) {
                continue;
            }
            let (a, b) = (group_of[i], group_of[j]);
            let (keep, gone) = if members[a].len() >= members[b].len() { (a, b) } else { (b, a) };
            let moved = std::mem::take(&mut members[gone]);
            for &m in &moved {
                group_of[m] = keep;
            }
            members[keep] = merge_sorted(&members[keep], &moved);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for m in members {
        if let Some(&first) = m.first() {
            groups.insert(first, m);
        }
    }
    groups.into_values().collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::single_linkage;

    #[test]
    fn chains_link_and_order_is_stable() {
        // 0-2 and 2-4 link through 2; 1 and 3 stay alone.
        let groups = single_linkage(5, |i, j| matches!((i, j), (0, 2) | (2, 4)));
        assert_eq!(groups, vec![vec![0, 2, 4], vec![1], vec![3]]);
    }

    proptest::proptest! {
        /// The groups are the connected components of the pairs `same` holds for, each pair
        /// asked at most once.
        #[test]
        fn groups_are_connected_components(
            n in 0usize..40,
            edges in proptest::collection::vec((0usize..40, 0usize..40), 0..60),
        ) {
            let linked: foldhash::HashSet<(usize, usize)> =
                edges.iter().map(|&(a, b)| (a.min(b), a.max(b))).collect();
            let mut asked = foldhash::HashSet::default();
            let groups = single_linkage(n, |i, j| {
                assert!(i < j && asked.insert((i, j)), "pair {i} {j} asked twice or unordered");
                linked.contains(&(i, j))
            });
            // Components by a plain flood fill.
            let mut comp: Vec<usize> = (0..n).collect();
            loop {
                let mut changed = false;
                for &(a, b) in &linked {
                    if a < n && b < n && comp[a] != comp[b] {
                        let (lo, hi) = (comp[a].min(comp[b]), comp[a].max(comp[b]));
                        for c in &mut comp {
                            if *c == hi {
                                *c = lo;
                                changed = true;
                            }
                        }
                    }
                }
                if !changed {
                    break;
                }
            }
            let mut want: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for (i, &c) in comp.iter().enumerate() {
                want.entry(c).or_default().push(i);
            }
            let want: Vec<Vec<usize>> = want.into_values().collect();
            proptest::prop_assert_eq!(&groups, &want);
            // The same groups from candidate lists that hold every linked pair (and more).
            let among = super::single_linkage_among(
                n,
                |i| (i + 1..n).filter(|j| linked.contains(&(i, *j)) || j % 3 == 0).collect(),
                |i, j| linked.contains(&(i, j)),
            );
            proptest::prop_assert_eq!(among, want);
        }
    }

    #[test]
    fn linked_pairs_are_not_asked_again() {
        let mut asked = 0;
        let groups = single_linkage(4, |_, _| {
            asked += 1;
            true
        });
        assert_eq!(groups, vec![vec![0, 1, 2, 3]]);
        assert_eq!(asked, 3, "only the first pair per newcomer is needed");
    }
}
