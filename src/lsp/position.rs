//! Byte offsets to LSP positions and back, in the encoding the client and server agreed
//! on (UTF-16 by default, UTF-8 when the client offers it).

use lsp_types::{Position, Range};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// Where each line of a text starts.
#[derive(Clone, Debug)]
pub struct LineMap {
    starts: Vec<usize>,
    encoding: Encoding,
}

impl LineMap {
    pub fn new(text: &str, encoding: Encoding) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineMap { starts, encoding }
    }

    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let before = &text[self.starts[line]..offset];
        let character = match self.encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range::new(self.position(text, start), self.position(text, end))
    }

    /// The byte offset of a position; one past a line's end means its end.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(text.len(), |&next| next - 1);
        let line = text[start..end.max(start)].trim_end_matches('\r');
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units >= wanted {
                return start + i;
            }
            units += match self.encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
        }
        start + line.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_surrogate_pairs_and_round_trips() {
        let text = "FROM a\nLABEL x=\"😀é\" y=1\r\nRUN b\n";
        let map = LineMap::new(text, Encoding::Utf16);
        let y = text.find("y=1").unwrap();
        assert_eq!(map.position(text, y), Position::new(1, 14));
        assert_eq!(map.offset(text, Position::new(1, 14)), y);
        let utf8 = LineMap::new(text, Encoding::Utf8);
        assert_eq!(utf8.position(text, y), Position::new(1, 17));
        assert_eq!(utf8.offset(text, Position::new(1, 17)), y);
        // Past the end of a line is its end; past the last line is the text's end.
        assert_eq!(map.offset(text, Position::new(0, 99)), 6);
        assert_eq!(map.offset(text, Position::new(9, 0)), text.len());
    }
}
