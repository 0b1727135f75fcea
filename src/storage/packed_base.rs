//! The bytes of a board file as last read or written (the merge base), kept compressed: board
//! text shrinks about sevenfold, and a base is only unpacked to compare it with the disk or to
//! merge against it.

/// Compressed file bytes; [`Packed::unpack`] gives them back exactly.
#[derive(Clone, PartialEq, Eq)]
pub struct Packed {
    compressed: Vec<u8>,
    len: usize,
}

impl Packed {
    pub fn new(bytes: &[u8]) -> Packed {
        Packed { compressed: lz4_flex::compress(bytes), len: bytes.len() }
    }

    /// The bytes as they were given.
    pub fn unpack(&self) -> Vec<u8> {
        // Only `new` makes the compressed form, so it always decompresses to `len` bytes.
        lz4_flex::decompress(&self.compressed, self.len).unwrap_or_default()
    }

    /// The length of the bytes unpacked.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl From<Vec<u8>> for Packed {
    fn from(bytes: Vec<u8>) -> Packed {
        Packed::new(&bytes)
    }
}

impl From<&[u8]> for Packed {
    fn from(bytes: &[u8]) -> Packed {
        Packed::new(bytes)
    }
}

impl std::fmt::Debug for Packed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Packed({} bytes in {})", self.len, self.compressed.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_back_exactly_what_it_was_given() {
        for text in ["", "x", "Board(\n    name: \"Alpha\",\n)\n", &"    (id: \"S-1\"),\n".repeat(5000)] {
            let packed = Packed::new(text.as_bytes());
            assert_eq!(packed.unpack(), text.as_bytes());
            assert_eq!(packed.len(), text.len());
        }
        let repeated = "    (id: \"S-1\", column: \"Done\"),\n".repeat(5000);
        assert!(Packed::new(repeated.as_bytes()).compressed.len() * 5 < repeated.len());
    }

    #[test]
    fn other_bytes_pack_to_other_bytes() {
        let packed = Packed::new(b"Board(name: \"Alpha\")");
        assert_ne!(packed, Packed::new(b"Board(name: \"Alphb\")"));
        assert_ne!(packed.unpack(), b"Board(name: \"Alpha\") ");
    }
}
