//! Helpers for the unit tests that check a fast path against the code it stands for on
//! every short input.

/// Every concatenation of up to `max` of `pieces` (the empty text first), one per
/// sequence of pieces, shorter sequences before longer ones.
pub fn concatenations(pieces: &[&str], max: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut level_start = 0;
    for _ in 0..max {
        let level_end = all.len();
        for at in level_start..level_end {
            for piece in pieces {
                let text = format!("{}{piece}", all[at]);
                all.push(text);
            }
        }
        level_start = level_end;
    }
    all
}

#[cfg(test)]
mod tests {
    use super::concatenations;

    /// One text per sequence: 1 + n + n² + ... of them, in order of length.
    #[test]
    fn concatenations_are_every_sequence_once() {
        let all = concatenations(&["a", "bc"], 3);
        assert_eq!(all.len(), 1 + 2 + 4 + 8);
        assert_eq!(&all[..7], ["", "a", "bc", "aa", "abc", "bca", "bcbc"]);
        assert_eq!(all.last().map(String::as_str), Some("bcbcbc"));
        assert_eq!(concatenations(&["x"], 0), [""]);
    }
}
