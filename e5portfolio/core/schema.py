"""JSON Schema (draft 2020-12) of portfolio.yml, generated from the model, for editors."""

from __future__ import annotations

import json
from typing import Any

from e5portfolio.core.model import Portfolio
from e5portfolio.core.referential import Referential, load_referential

SCHEMA_FILE = "portfolio.schema.json"


def build_schema(referential: Referential | None = None) -> dict[str, Any]:
    referential = referential or load_referential()
    schema = Portfolio.model_json_schema(mode="validation")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "portfolio.yml — e5portfolio (format v1)",
        "description": f"Portfolio de l'épreuve {referential.epreuve.numero} « "
        f"{referential.epreuve.intitule} » du {referential.diplome}.",
        **{k: v for k, v in schema.items() if k != "title"},
    }
    codes = [{"const": code, "title": code, "description": label} for code, label in referential.labels.items()]
    competences = schema["$defs"]["Realisation"]["properties"]["competences"]
    competences["items"] = {"anyOf": codes}
    competences["description"] = "Codes des compétences mobilisées : B1.1 à B1.6, ou B1.n.k pour un item"
    return schema


def schema_text(referential: Referential | None = None) -> str:
    return json.dumps(build_schema(referential), ensure_ascii=False, indent=2) + "\n"
