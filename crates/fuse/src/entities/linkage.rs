//! Single-linkage grouping, shared by the steps that group mentions into one thing (the
//! renderings of a quote, the dates of an event, the numbers of a fact).

use std::collections::BTreeMap;

use crosscheck_core::DisjointSets;

/// Groups `0..n` by single linkage: `i` and `j` end in one group when `same(i, j)` holds for
/// them or for a chain of pairs between them. `same` is asked about each pair `i < j` at most
/// once, and not at all once the two are already linked. Groups come out ordered by their
/// smallest member, each group's members in ascending order.
pub(crate) fn single_linkage(
    n: usize,
    mut same: impl FnMut(usize, usize) -> bool,
) -> Vec<Vec<usize>> {
    let mut sets = DisjointSets::new(n);
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (sets.find(i), sets.find(j));
            if a != b && same(i, j) {
                sets.union(a, b);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        groups.entry(sets.find(i)).or_default().push(i);
    }
    groups.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::single_linkage;

    #[test]
    fn chains_link_and_order_is_stable() {
        // 0-2 and 2-4 link through 2; 1 and 3 stay alone.
        let groups = single_linkage(5, |i, j| matches!((i, j), (0, 2) | (2, 4)));
        assert_eq!(groups, vec![vec![0, 2, 4], vec![1], vec![3]]);
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
