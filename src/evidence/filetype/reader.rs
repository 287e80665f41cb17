//! The open file under examination, read through a small buffer by the sniffers and the zip and
//! cfb crates. They see an I/O error as "not this format"; the first one is kept here so that
//! `check` reports it as the file being unreadable instead.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};

pub(super) struct Kept {
    inner: BufReader<File>,
    error: Option<io::Error>,
}

impl Kept {
    pub(super) fn new(file: File) -> Kept {
        Kept {
            inner: BufReader::new(file),
            error: None,
        }
    }

    /// The first I/O error met, if any (taken).
    pub(super) fn error(&mut self) -> Option<io::Error> {
        self.error.take()
    }

    fn keep<T>(&mut self, r: io::Result<T>) -> io::Result<T> {
        r.map_err(|e| {
            let kind = e.kind();
            self.error.get_or_insert(e);
            io::Error::from(kind)
        })
    }
}

impl Read for Kept {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let r = self.inner.read(buf);
        self.keep(r)
    }
}

impl Seek for Kept {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        let r = self.inner.seek(pos);
        self.keep(r)
    }
}
