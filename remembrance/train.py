"""Rebuild a shipped spaCy pipeline: ``python -m remembrance.train nl [--data DIR]``.

The data directory holds the files of ``pipelines/training/<language>-manifest.json`` (each
checked by sha256; the manifest says where to get each one); the documents of the gold dev split
(``tests/gold/dev``) that the manifest's ``gold`` list pins are added to the training data.
``--sample DIR`` trains on a small folder of our own data instead (a smoke training). The model
is written to the package's ``pipelines/models/remembrance_<language>`` unless ``--output`` says
otherwise.

English (``python -m remembrance.train en --data DIR``) fine-tunes the NER of the English model
package on LitBank with rehearsal (``pipelines/training/english.py``) and writes that NER alone
to ``pipelines/models/remembrance_en_ner``; its ``--sample DIR`` holds LitBank-style pairs of
our own (``NAME.txt`` and ``NAME.ann``).

Dutch's NER (``python -m remembrance.train nl-ner --data DIR``, the same files as ``nl``) is the
NER of the shipped Dutch pipeline with its own copy of the shared tok2vec, fine-tuned on the
historical newspapers with rehearsal (the treebanks' sentences and the project's Dutch corpus
labelled by the shipped pipeline; ``ner_corpora`` in ``pipelines/training/rehearsal.py``) and
selected on the newspapers' dev split alone; its ``--sample DIR`` holds ``*.conllu`` text and gold
documents of our own. It is written to
``pipelines/models/remembrance_nl_ner``; with ``"nl": "remembrance_nl_ner"`` in ``ner_models``
it takes the place of the pipeline's NER, whose tagger and parser stay as they are (not shipped:
see the model card).

French (``python -m remembrance.train fr --data DIR``) fine-tunes the NER of the French model
package on the ICDAR/Europeana French newspapers with rehearsal
(``pipelines/training/rehearsal.py``) and writes that NER alone to
``pipelines/models/remembrance_fr_ner``; its ``--sample DIR`` holds column files (``*.iob``),
``*.conllu`` text and gold documents of our own.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from remembrance.pipelines.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path("training-data")


def main(argv: list[str] | None = None) -> int:
    from remembrance.pipelines.models import MODELS_DIR
    from remembrance.pipelines.training.build import (
        corpora_from_data,
        corpora_from_sample,
        summary,
        train,
    )
    from remembrance.pipelines.training.rehearsal import (
        corpora_with_rehearsal,
        ner_corpora,
        ner_sample,
        sample_with_rehearsal,
    )

    parser = argparse.ArgumentParser(prog="python -m remembrance.train", description=__doc__)
    parser.add_argument("language", choices=["nl", "nl-ner", "en", "fr"])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help="the manifest's files (default: %(default)s)",
    )
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "dev")
    parser.add_argument("--sample", type=Path, help="train on this folder of our own data instead")
    parser.add_argument("--output", type=Path, help="model folder (default: the package's)")
    parser.add_argument("--work", type=Path, help="folder for corpora and checkpoints")
    parser.add_argument("--max-steps", type=int, help="stop after this many updates")
    args = parser.parse_args(argv)
    if args.language == "en":
        return _english(args.data, args.sample, args.output, args.max_steps)
    language = args.language.removesuffix("-ner")
    fine_tuned = args.language == "fr"  # the package's NER alone, fine-tuned
    name = f"remembrance_{language}" + ("_ner" if args.language != "nl" else "")
    output = args.output or MODELS_DIR / name
    config = "nl-ner" if args.language == "nl-ner" else None
    try:
        if args.language == "nl-ner":
            if args.sample:
                corpora = ner_sample(language, args.sample)
            else:
                corpora = ner_corpora(language, args.data, args.gold)
        elif args.sample:
            sample = sample_with_rehearsal if fine_tuned else corpora_from_sample
            corpora = sample(args.language, args.sample)
        elif fine_tuned:
            corpora = corpora_with_rehearsal(args.language, args.data, args.gold)
        else:
            corpora = corpora_from_data(args.language, args.data, args.gold)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        work = args.work or Path(scratch)
        nlp = train(language, corpora, output, work, args.max_steps, config)
    print(summary(nlp))
    print(f"saved to {output}")
    return 0


def _english(data: Path, sample: Path | None, output: Path | None, steps: int | None) -> int:
    """English: the model package's NER fine-tuned on LitBank (pipelines/training/english.py)."""
    import json

    from remembrance.pipelines.models import MODELS_DIR
    from remembrance.pipelines.training.english import (
        STEPS,
        english_corpora,
        sample_corpora,
        train_english,
    )

    try:
        corpora = sample_corpora(sample) if sample else english_corpora(data)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    output = output or MODELS_DIR / "remembrance_en_ner"
    nlp = train_english(corpora, output, steps or STEPS)
    print(json.dumps(nlp.meta["figures"], indent=1))
    print(f"saved to {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
