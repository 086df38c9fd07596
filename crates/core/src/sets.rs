//! Disjoint sets (union–find) over `0..n`, for the groupings several stages make: renderings
//! of one origin, articles of one reuse cluster, entity mentions of one name.

/// A partition of `0..n` into sets, each named by its smallest member once joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    /// `n` sets of one element each.
    pub fn new(n: usize) -> DisjointSets {
        DisjointSets { parent: (0..n).collect() }
    }

    /// The representative of `i`'s set, halving the path on the way.
    pub fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Joins the sets of `a` and `b`; the smaller representative names the union.
    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DisjointSets;

    #[test]
    fn unions_chain_and_the_smallest_member_names_the_set() {
        let mut s = DisjointSets::new(5);
        s.union(4, 2);
        s.union(2, 0);
        assert_eq!((s.find(4), s.find(2), s.find(0)), (0, 0, 0));
        assert_eq!((s.find(1), s.find(3)), (1, 3));
    }
}
