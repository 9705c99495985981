"""Each question's results, in the tour's order: the answers' texts with their counts and shares.

Read by `exhibition answers` and the curator's `/_curator/answers/`; no Flask here.
"""

from __future__ import annotations


def results_of(exhibition, counted: dict[str, dict[str, int]]) -> list[dict]:
    """Return each question's results in tour order, then any answered question no longer shown."""
    results, seen = [], set()
    for exhibit in exhibition.tour:
        if exhibit.question is None:
            continue
        question, tally = exhibit.question, counted.get(exhibit.question.key, {})
        answers = [(a.key, a.text, tally.get(a.key, 0)) for a in question.answers]
        answers += [
            (key, key, n) for key, n in sorted(tally.items()) if key not in question_keys(question)
        ]
        results.append(_result(question.key, question.text, answers))
        seen.add(question.key)
    for key in sorted(set(counted) - seen):  # its exhibit was removed or its answers changed
        answers = [(answer, answer, n) for answer, n in sorted(counted[key].items())]
        results.append(_result(key, key, answers))
    return results


def question_keys(question) -> set[str]:
    return {answer.key for answer in question.answers}


def _result(key: str, text: str, answers: list[tuple[str, str, int]]) -> dict:
    total = sum(count for _, _, count in answers)
    return {
        "question": key,
        "text": text,
        "total": total,
        "answers": [
            {"answer": a, "text": t, "count": n, "share": round(n / total, 4) if total else 0.0}
            for a, t, n in answers
        ],
    }
