//! Untrusted containers: zip archives (`.docx`, `.odt`, `.qdpx`) and the XML
//! inside them, read with limits on size, entries, nesting and entities.
//! Below both [`crate::import`] and [`crate::exchange`], which use it and
//! not each other's internals.

pub mod archive;
pub mod xml;
