"""The pinned training data of a language: which file comes from where, checked by sha256.

The files are not in the repository; each entry of ``<language>-manifest.json`` names a file of
the data directory and where to get it (repository, commit, path), with its licence. Its
``gold`` list names the documents of our gold dev split a shipped model was trained on, so that
documents added to the split later do not change what the training command rebuilds.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from remembrance.pipelines.errors import InputError

ROLES = (
    "ner-train",
    "ner-dev",
    "ner-test",
    "treebank-train",
    "treebank-dev",
    "treebank-test",
    "rehearsal-train",
    "rehearsal-test",
)


@dataclass(frozen=True, slots=True)
class DataFile:
    name: str
    role: str
    repository: str
    commit: str
    path: str
    sha256: str
    licence: str
    #: The split a file belongs to when several files make one (LitBank: a text and its
    #: annotation per novel); else the file is a split of its own, named after it.
    split: str = ""

    @property
    def split_name(self) -> str:
        return self.split or Path(self.name).stem

    def where(self) -> str:
        return f"{self.path} of github.com/{self.repository} at commit {self.commit}"


def _manifest(language: str) -> dict[str, Any]:
    source = resources.files("remembrance.pipelines.training") / f"{language}-manifest.json"
    if not source.is_file():
        raise ValueError(f"no training manifest for language {language!r}")
    manifest: dict[str, Any] = json.loads(source.read_text())
    return manifest


def load_manifest(language: str) -> list[DataFile]:
    """The manifest entries of a language."""
    files = [DataFile(**entry) for entry in _manifest(language)["files"]]
    for item in files:
        if item.role not in ROLES:
            raise ValueError(f"{item.name}: role {item.role!r}; choose one of {', '.join(ROLES)}")
    return files


def gold_paths(language: str, folder: Path) -> list[Path]:
    """The gold documents of `folder` that the manifest pins for training (``gold`` ids), each
    required to exist."""
    paths = [folder / f"{name}.json" for name in _manifest(language).get("gold", [])]
    for path in paths:
        if not path.is_file():
            raise InputError(f"{path}: missing; the {language} training manifest pins it")
    return paths


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verified(data: Path, files: list[DataFile]) -> dict[str, Path]:
    """Path of every manifest file in the `data` folder, each checked against its sha256."""
    paths = {}
    for item in files:
        path = data / item.name
        if not path.is_file():
            raise InputError(f"{path}: missing; it is {item.where()}")
        if sha256(path) != item.sha256:
            raise InputError(
                f"{path}: sha256 differs from the manifest's; it must be {item.where()}"
            )
        paths[item.name] = path
    return paths


def card_sources(files: list[DataFile]) -> list[dict[str, str]]:
    """The model card's sources: every file of the manifest but the held-out test splits."""
    return [
        {"name": f.repository, "commit": f.commit, "path": f.path, "license": f.licence}
        for f in files
        if not f.role.endswith("-test")
    ]


def by_role(files: list[DataFile], paths: dict[str, Path], role: str) -> list[Path]:
    return [paths[item.name] for item in files if item.role == role]
