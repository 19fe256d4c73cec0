"""The one slug of the project: réalisation ids, and every file name made from a person's name
(forms, class reports, evaluation files, the dossier archive).

« O'Brien », « O’Brien » and « o brien » give « o-brien »; « Élodie » and « Elodie » give
« elodie »; ligatures are spelt out (« Cœur » → « coeur »). Anything else that is not a letter
or a digit separates words.
"""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 60
_SPELT_OUT = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D"}
)


def slugify(text: str, *, fallback: str = "realisation") -> str:
    """'Inventaire du parc avec GLPI' → 'inventaire-du-parc-avec-glpi' (at most 60 characters)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPELT_OUT))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return slug[:MAX_LENGTH].rstrip("-") or fallback
