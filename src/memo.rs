//! Bounded per-thread tables of what is known about a word: text repeats its words, so a word's
//! glyphs and hyphenation points are worked out once and looked up after that.

use std::collections::HashMap;

/// Entries a table holds before it is cleared rather than grown: far above one document's
/// vocabulary (Kloop has about 700 distinct words), and a bound for a long batch.
const LIMIT: usize = 50_000;

/// Values keyed by a word; looking one up allocates no key.
pub type Table<V> = HashMap<Box<str>, V>;

/// The value for `key`: worked out by `compute` the first time, then copied from the table.
pub fn get_or_compute<V: Clone>(table: &mut Table<V>, key: &str, compute: impl FnOnce() -> V) -> V {
    if let Some(value) = table.get(key) {
        return value.clone();
    }
    if table.len() >= LIMIT {
        table.clear();
    }
    let value = compute();
    table.insert(key.into(), value.clone());
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_and_stays_bounded() {
        let mut table = Table::new();
        let mut calls = 0;
        for _ in 0..3 {
            assert_eq!(
                get_or_compute(&mut table, "word", || {
                    calls += 1;
                    4
                }),
                4
            );
        }
        assert_eq!(calls, 1);
        for n in 0..LIMIT + 10 {
            get_or_compute(&mut table, &n.to_string(), || n);
        }
        assert!(table.len() <= LIMIT, "{} entries", table.len());
    }
}
