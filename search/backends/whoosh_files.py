"""The index's files as Whoosh reads them, with the parts of a segment read in one step.

A segment is one compound file holding several parts (terms, postings, lengths, stored
fields), and a search reads its parts about 350 times. Whoosh reads a part through a
sub-file: the part's structured file seeks and reads the sub-file, which seeks and reads the
segment's buffered file, so that a read at a place (``get``) is four Python calls before the
buffer. Here the part reads the buffered file itself, which answers without the kernel when
the bytes are near the last ones read (0.4 ms of a search).

Whoosh's default, memory maps, would be cheaper still; they are off because a segment file
cut short while a worker has it mapped kills the worker with SIGBUS, where a read that comes
back short is an error the portal answers with 503 (tests/test_index_faults.py).
"""
import os

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile


class IndexStorage(FileStorage):
    """An index directory, its segments read part by part as above (no memory maps)."""

    def __init__(self, path):
        super().__init__(path, supports_mmap=False)

    def open_file(self, name, **kwargs):
        return _WholeFile(open(self._fpath(name), "rb"), name=name, **kwargs)


class _WholeFile(StructFile):
    def subset(self, offset, length, name=None):
        """The part of this file from ``offset``, ``length`` bytes long (what a compound
        segment opens its parts with)."""
        return _PartFile(_Part(self.file, offset, length), name=name or self._name)


class _PartFile(StructFile):
    def get(self, position, length):
        return self.file.read_at(position, length)


class _Part:
    """The bytes of ``file`` from ``offset``, ``length`` of them, as a file of their own, as
    Whoosh's SubFile makes them; reading, seeking and telling as Python's files do, where
    SubFile differs in calls Whoosh never makes (``read(-1)``, a seek from the end)."""

    def __init__(self, file, offset, length):
        self._file, self._offset, self._length = file, offset, length
        self._pos = 0

    def read_at(self, position, size):
        """The ``size`` bytes from ``position`` (fewer at the end); the part's place is after them."""
        size = min(size, self._length - position)
        if size <= 0:
            self._pos = position
            return b""
        self._file.seek(self._offset + position)
        data = self._file.read(size)
        self._pos = position + len(data)
        return data

    def read(self, size=-1):
        return self.read_at(self._pos, self._length - self._pos if size is None or size < 0 else size)

    def readline(self, size=-1):  # the pickle module asks for it; Whoosh's parts hold no lines
        line = bytearray()
        while size < 0 or len(line) < size:
            byte = self.read(1)
            line += byte
            if not byte or byte == b"\n":
                break
        return bytes(line)

    def seek(self, position, whence=os.SEEK_SET):
        if whence not in (os.SEEK_SET, os.SEEK_CUR, os.SEEK_END):
            raise ValueError(f"invalid whence ({whence})")
        self._pos = position + {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: self._length}[whence]
        return self._pos

    def tell(self):
        return self._pos

    def close(self):
        pass  # the whole file is closed with its storage
