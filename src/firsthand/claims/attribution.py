"""Attribution: who is cited as saying (or thinking, reporting, denying) what.

An attribution has a cue (the reporting verb or phrase: "said", "according to", "was
made public by"), a source (who says it; None when the report does not name one) and a
content (what is said). Content may be discontinuous: a quote split by its cue ("“A,” he
said, “B.”") or continued in the next sentence. Everything is found on spaCy's dependency
parse; the cue verbs are data (`data/cues.txt`, learnt from PolNeAR train by
`bench/learn_cues.py`, plus the hand-kept `data/cues_extra.txt`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import pycrfsuite
from spacy.attrs import LOWER, ORTH, POS
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token
from spacy.util import minibatch

from firsthand import resources
from firsthand.claims.attribution_encoder import EncoderTagger
from firsthand.claims.attribution_features import doc_features
from firsthand.model.claim import TextSpan
from firsthand.read.component import Component, option
from firsthand.read.doc import text_of

QUOTES_OPEN = frozenset({"“", '"', "‘", "``"})
QUOTES_CLOSE = frozenset({"”", '"', "’", "''"})
QUOTE_CHARS = QUOTES_OPEN | QUOTES_CLOSE
_QUOTE_IDS = {get_string_id(q): q for q in QUOTE_CHARS}
_QUOTE_MARKS = tuple(QUOTE_CHARS)  # for str.startswith: a mark may be two characters

# Children of the cue verb that belong to the cue span (auxiliaries, negation, particles).
CUE_CHILD_DEPS = frozenset({"aux", "auxpass", "neg", "prt"})
CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "csubjpass")
# A cue clause attached to the content it reports ("X happened, officials said").
INVERTED_DEPS = frozenset({"parataxis", "ccomp", "advcl", "conj"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})


def text_span(doc: Doc, start: int, end: int) -> TextSpan:
    """The document's text from `start` to `end` as a TextSpan."""
    # Slice the covering tokens' text (from the text built once: doc.text and span.text
    # rebuild it from every token on each access).
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return TextSpan(start, end, "")
    covered = text_of(doc)[span.start_char : span.end_char]
    return TextSpan(start, end, covered[start - span.start_char : end - span.start_char])


@dataclass(frozen=True)
class Attribution:
    source: TextSpan | None
    cue: TextSpan
    content: tuple[TextSpan, ...]
    direct: bool
    # Token index of the cue's head word, for callers that walk the parse from it.
    cue_head: int


def load_cues() -> frozenset[str]:
    """Lemmas of verbs that introduce reported speech, thought or reporting (and "lemma particle"
    for phrasal ones): the learnt list and the hand-kept one."""
    return frozenset(entry.lower() for name in ("cues.txt", "cues_extra.txt")
                     for entry in resources.lines("firsthand.claims", "data", name))


def _is_cue_verb(token: Token, cues: frozenset[str]) -> bool:
    if token.pos_ not in {"VERB", "AUX"} or token.lower_ == "according":
        return False  # "according to" has its own rule
    if token.lemma_.lower() not in cues and _phrasal_cue(token, cues) is None:
        return False
    # "make public" and phrasal cues are listed as "lemma particle"; bare "make" is not a cue.
    return token.dep_ not in {"amod", "compound"}


def _phrasal_cue(token: Token, cues: frozenset[str]) -> list[Token] | None:
    """Multi-word cues listed as "lemma word" (e.g. "make public", "point out")."""
    for child in token.children:
        if (child.dep_ in {"prt", "acomp", "oprd", "ccomp", "dobj"} and child.i == token.i + 1
                and f"{token.lemma_.lower()} {child.lower_}" in cues):
            return [token, child]
    return None


def _trim(tokens: list[Token], keep_quotes: bool) -> list[Token]:
    """Drop punctuation and spaces at the edges; keep quote marks enclosing a direct quote."""
    while tokens and (tokens[0].is_punct or tokens[0].is_space) and not (keep_quotes and _opens(tokens[0])):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space) and not (keep_quotes and tokens[-1].text in QUOTES_CLOSE):
        tokens = tokens[:-1]
    return tokens


def _fragments(doc: Doc, tokens: list[Token]) -> tuple[TextSpan, ...]:
    """Contiguous runs of the given tokens as text spans (gaps and line breaks split the content).

    A content running over paragraphs is one fragment per paragraph, as PolNeAR annotates it.
    """
    tokens = sorted(set(tokens), key=lambda t: t.i)
    runs: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.is_space and "\n" in tok.text:
            runs.append([])
        elif runs[-1] and tok.i == runs[-1][-1].i + 1 and "\n" not in runs[-1][-1].whitespace_:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    spans = []
    for run in runs:
        quoted = any(t.text in QUOTE_CHARS for t in run)
        run = _trim(run, keep_quotes=quoted and _balanced(run))
        if run:
            spans.append(text_span(doc, run[0].idx, run[-1].idx + len(run[-1])))
    return tuple(spans)


def _opens(token: Token) -> bool:
    """Whether a quote mark opens a quotation. Two apostrophes close one in Penn Treebank-style text
    (``so''), and open one too in some copy (the New York Times' through news databases:
    ''We are here,'' he said): there, only when set against the word that follows."""
    if token.text == "''":
        following = token.nbor() if token.i + 1 < len(token.doc) else None
        return not token.whitespace_ and following is not None and not (following.is_punct or following.is_space)
    return token.text in QUOTES_OPEN


def _balanced(tokens: list[Token]) -> bool:
    opens = sum(t.text != '"' and _opens(t) for t in tokens) + sum(t.text == '"' for t in tokens) / 2
    closes = sum(t.text in QUOTES_CLOSE - {'"'} and not _opens(t) for t in tokens) + sum(t.text == '"' for t in tokens) / 2
    return opens > 0 and opens == closes


def _span_of(doc: Doc, tokens: list[Token]) -> TextSpan | None:
    tokens = _trim(sorted(tokens, key=lambda t: t.i), keep_quotes=False)
    if not tokens:
        return None
    return text_span(doc, tokens[0].idx, tokens[-1].idx + len(tokens[-1]))


def _subtree(token: Token, exclude: set[int] | frozenset[int] = frozenset()) -> list[Token]:
    return [t for t in token.subtree if t.i not in exclude]


def _excluding(token: Token, removed: Token) -> list[Token]:
    """token's subtree without removed's subtree."""
    gone = {t.i for t in removed.subtree}
    return [t for t in token.subtree if t.i not in gone]


def _source_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":  # passive: "was made public by X"
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"}:
            return child
    return None


def _cue_tokens(verb: Token, cues: frozenset[str]) -> list[Token]:
    tokens = _phrasal_cue(verb, cues) or [verb]
    tokens += [
        c
        for c in verb.children
        if (c.dep_ in CUE_CHILD_DEPS and c.lower_ != "to") or (c.dep_ == "advmod" and c.i < verb.i)
    ]
    # Keep the cue contiguous: only children adjacent to it (e.g. "has said", not a far "not").
    tokens.sort(key=lambda t: t.i)
    head_pos = tokens.index(verb)
    lo = hi = head_pos
    while lo > 0 and tokens[lo - 1].i == tokens[lo].i - 1:
        lo -= 1
    while hi < len(tokens) - 1 and tokens[hi + 1].i == tokens[hi].i + 1:
        hi += 1
    return tokens[lo : hi + 1]


def _content_of(verb: Token, cue: list[Token]) -> list[Token]:
    cue_ids = {t.i for t in cue}
    for dep in CONTENT_DEPS:
        for child in verb.children:
            if child.dep_ == dep and child.i not in cue_ids:
                return _subtree(child)
    # Passive cue without a complement: the passive subject is what is reported
    # ("The findings were made public by Y").
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return _subtree(child)
    # Inverted cue: the clause it hangs off is the content ("X happened, officials said").
    if verb.dep_ in INVERTED_DEPS and verb.head.i != verb.i and verb.head.i < verb.i:
        return _excluding(verb.head, verb)
    return []


def quote_regions(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges [start, end) of quotations, quote marks included, paired left to right."""
    regions = []
    open_at: int | None = None
    opening = ""
    # Only quote marks matter: find them by id rather than reading every token's text.
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        text = _QUOTE_IDS.get(orth)
        if text is None:
            continue
        if text == "’" and open_at is not None and opening != "‘":
            continue  # an apostrophe inside a double-quoted passage
        if open_at is None and _opens(doc[i]):
            open_at, opening = i, text
        elif open_at is not None and text in QUOTES_CLOSE and _closes(opening, text):
            regions.append((open_at, i + 1))
            open_at = None
    return regions


def _closes(opening: str, closing: str) -> bool:
    pairs = {"“": "”", '"': '"', "‘": "’", "``": "''", "''": "''"}
    return pairs.get(opening) == closing or (opening == "“" and closing == '"')


def _with_quotes(content: list[Token], cue: list[Token], regions: list[tuple[int, int]]) -> list[Token]:
    """Widen content to whole quotations it starts or ends in, unless the cue is inside them."""
    if not content:
        return content
    doc = content[0].doc
    first, last = min(t.i for t in content), max(t.i for t in content)
    cue_ids = {t.i for t in cue}
    lo, hi = first, last
    for start, end in regions:
        if any(start <= i < end for i in cue_ids):
            continue
        if start <= first + 1 < end or start <= last - 1 < end or start - 1 <= first <= start:
            if start <= first + 1 or start - 1 <= first <= start:
                lo = min(lo, start)
            hi = max(hi, end - 1)
    extra = [doc[i] for i in range(lo, first)] + [doc[i] for i in range(last + 1, hi + 1)]
    return content + [t for t in extra if t.i not in cue_ids]


_ACCORDING = frozenset({get_string_id("according")})
_VERB_POS = frozenset({VERB, AUX})  # the parts of speech a cue verb has (_is_cue_verb)


def _where(doc: Doc, attr: int, values: frozenset[int]) -> list[int]:
    """Indices of the tokens whose attribute is one of values (ids): a Token made for every
    word only to be rejected costs more than the rules that read the few that pass."""
    return [i for i, v in enumerate(doc.to_array(attr).tolist()) if v in values]


def _according_to(doc: Doc) -> list[Attribution]:
    found = []
    for i in _where(doc, LOWER, _ACCORDING):
        tok = doc[i]
        if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        phrase = {t.i for t in tok.subtree} | {t.i for t in to.subtree}
        # The clause the phrase modifies: climb to the verb governing it.
        clause = tok.head
        while (clause.pos_ not in {"VERB", "AUX"} or clause.dep_ == "conj") and clause.head.i != clause.i:
            clause = clause.head
        content = [t for t in clause.subtree if t.i not in phrase]
        found.append(
            _build(doc, [tok, to], _subtree(pobj), content, cue_head=tok.i)
        )
    return found


def _build(
    doc: Doc, cue: list[Token], source: list[Token] | None, content: list[Token], cue_head: int
) -> Attribution:
    spans = _fragments(doc, content)
    direct = any(s.text.startswith(_QUOTE_MARKS) for s in spans)
    return Attribution(
        source=_span_of(doc, source) if source else None,
        cue=text_span(doc, cue[0].idx, cue[-1].idx + len(cue[-1])),
        content=spans,
        direct=direct,
        cue_head=cue_head,
    )


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Per token, its sentence's [start, end) token range (Token.sent rescans the doc each call)."""
    bounds: list[tuple[int, int]] = []
    for sent in doc.sents:
        bounds.extend([(sent.start, sent.end)] * len(sent))
    return bounds


def _continued_quote(
    doc: Doc, att: Attribution, claimed: set[int], bounds: list[tuple[int, int]]
) -> TextSpan | None:
    """A quote opening the next sentence continues a direct quote with no cue of its own."""
    if not att.direct or not att.content:
        return None
    cue_end = bounds[att.cue_head][1]
    if cue_end >= len(doc):
        return None
    nxt_start, nxt_end = bounds[cue_end]
    if not _opens(doc[nxt_start]) or any(i in claimed for i in range(nxt_start, nxt_end)):
        return None
    # The quote runs to its closing mark, possibly over several sentences.
    for tok in doc[nxt_start + 1 :]:
        if tok.text in QUOTES_CLOSE:
            return text_span(doc, doc[nxt_start].idx, tok.idx + len(tok))
        if tok.i in claimed or tok.text in QUOTES_OPEN and tok.text != '"':
            return None
    return None


def rule_attributions(doc: Doc, cues: frozenset[str]) -> list[Attribution]:
    """Attributions found by the parse rules alone, in text order (the tagger's input)."""
    found = _according_to(doc)
    regions = quote_regions(doc)
    for i in _where(doc, POS, _VERB_POS):
        verb = doc[i]
        if not _is_cue_verb(verb, cues):
            continue
        cue = _cue_tokens(verb, cues)
        source = _source_of(verb)
        content = _with_quotes(_content_of(verb, cue), cue, regions)
        if not content:
            continue
        found.append(
            _build(doc, cue, _subtree(source) if source is not None else None, content, verb.i)
        )
    found.sort(key=lambda a: a.cue.start)
    # Content claimed by a cue; a following bare quote is not another speaker's.
    claimed = {
        t.i
        for a in found
        for part in a.content
        for t in doc.char_span(part.start, part.end, alignment_mode="expand") or []
    }
    result = []
    bounds = sentence_bounds(doc)
    for att in found:
        extra = _continued_quote(doc, att, claimed, bounds)
        if extra is not None:
            att = Attribution(att.source, att.cue, att.content + (extra,), True, att.cue_head)
        result.append(att)
    return result


def _tokens_in(doc: Doc, span: TextSpan) -> list[Token]:
    return list(doc.char_span(span.start, span.end, alignment_mode="expand") or [])


def rule_tags(doc: Doc, attributions: list[Attribution]) -> list[str]:
    """Per token, the BIO tag the rules give it (a feature of the tagger)."""
    tags = ["O"] * len(doc)
    for att in attributions:
        spans = [("SRC", att.source)] if att.source else []
        spans += [("CUE", att.cue)] + [("CON", part) for part in att.content]
        for role, span in spans:
            for n, tok in enumerate(_tokens_in(doc, span)):
                tags[tok.i] = ("B-" if n == 0 else "I-") + role
    return tags


def token_features(doc: Doc, cues: frozenset[str], rules: list[Attribution] | None = None) -> list[list[str]]:
    """The tagger's features for every token of a parsed document (rules: its rule_attributions)."""
    in_quote = [False] * len(doc)
    for start, end in quote_regions(doc):
        in_quote[start:end] = [True] * (end - start)
    rules = rule_attributions(doc, cues) if rules is None else rules

    def is_cue_word(lemma: str, lower: str) -> bool:  # a cue lexicon lemma (lowercased) or "according"
        return lemma in cues or lower == "according"

    return doc_features(doc, is_cue_word, rule_tags(doc, rules), in_quote)


MODEL_FILE = "attribution.crfsuite"


def load_tagger() -> pycrfsuite.Tagger:
    """The CRF tagger trained on PolNeAR (`data/attribution.crfsuite`, by bench/train_attribution.py)."""
    tagger = pycrfsuite.Tagger()
    resources.open_file("firsthand.claims", "data", MODEL_FILE, opener=lambda path: tagger.open(str(path)))
    return tagger


def segments(tags: list[str]) -> list[tuple[str, int, int]]:
    """(role, start, end) token runs of a BIO sequence; an I without its B opens a run."""
    runs: list[tuple[str, int, int]] = []
    for i, tag in enumerate(tags):
        if tag == "O":
            continue
        bio, role = tag.split("-", 1)
        if bio == "I" and runs and runs[-1][0] == role and runs[-1][2] == i:
            runs[-1] = (role, runs[-1][1], i + 1)
        else:
            runs.append((role, i, i + 1))
    return runs


def _link(
    doc: Doc, seg: tuple[str, int, int], cues: list[tuple[str, int, int]], bounds: list[tuple[int, int]],
    breaks: list[int], sentences: int
) -> int | None:
    """Index of the cue a source or content run belongs to: the nearest one within reach.

    Reach is the run's own sentences for a source; a content run may also belong to a cue
    in the sentence before or after it when it carries a quote over (`_carried_over`). cues are
    in text order; breaks: the tokens a line break follows, in order.
    """
    _, start, end = seg
    own = bounds[start][0], bounds[end - 1][1]
    first, last = own
    if sentences:
        if first > 0:
            first = bounds[first - 1][0]
        if last < len(bounds):
            last = bounds[last][1]
    best, best_gap = None, len(bounds) + 1
    # Only the cues within reach: a long report has thousands of cues and runs.
    for n in range(bisect_left(cues, first, key=lambda c: c[1]), bisect_left(cues, last, key=lambda c: c[1])):
        _, c_start, c_end = cues[n]
        gap = c_start - end if c_start >= end else start - c_end
        if c_end > last or gap >= best_gap:
            continue
        if not (own[0] <= c_start and c_end <= own[1]) and not _carried_over(doc, seg, cues[n], breaks):
            continue
        best, best_gap = n, gap
    return best


def _carried_over(doc: Doc, seg: tuple[str, int, int], cue: tuple[str, int, int], breaks: list[int]) -> bool:
    """Whether content in the sentence beside its cue's continues what the cue reports: a quote
    (the run opens or closes at a quote mark) within the cue's paragraph. The nearest cue took any
    content the tagger found in the next sentence or paragraph, the writer's own included
    (PolNeAR dev content F1, with `_paragraph_parts`: encoder 0.476 → 0.512, CRF 0.455 → 0.478)."""
    _, start, end = seg
    lo, hi = (cue[2], start) if cue[2] <= start else (end, cue[1])
    if _broken(breaks, lo, hi):
        return False
    return _opens(doc[start]) or (start > 0 and _opens(doc[start - 1])) or doc[end - 1].text in QUOTES_CLOSE


def _line_breaks(doc: Doc) -> list[int]:
    """The tokens a line break follows (or is), in order."""
    return [t.i for t in doc if "\n" in t.text_with_ws]


def _broken(breaks: list[int], lo: int, hi: int) -> bool:
    """Whether a line break follows one of the tokens lo … hi - 1."""
    after = bisect_left(breaks, lo)
    return after < len(breaks) and breaks[after] < hi


def find_attributions(doc: Doc, tagger: pycrfsuite.Tagger | EncoderTagger, cues: frozenset[str]) -> list[Attribution]:
    """Every attribution in a parsed document, in text order.

    A tagger (the CRF, or the fine-tuned encoder) tags each token as source, cue or content
    (BIO); each source and content run is linked to the nearest cue run (same sentence for a
    source, a sentence either side for content); a cue keeps its nearest source.
    """
    if len(doc) == 0:
        return []
    rules = rule_attributions(doc, cues)
    features = token_features(doc, cues, rules)
    if isinstance(tagger, EncoderTagger):
        tags, crf_tags = tagger.tag_with_crf(doc, features)
        found = attributions_from_tags(doc, tags)
        # A cue the CRF does not find (over the same words) was right for 200 of 468 on PolNeAR dev,
        # against 1,456 of 1,825 for those it does ("posted", "has seen", "reversed a ruling" on
        # Reuters): the encoder reads the attributions the CRF finds better, and adds none. Dev
        # precision 0.811 / 0.722 / 0.534 → 0.863 / 0.797 / 0.575, F1 0.788 / 0.719 / 0.516 →
        # 0.764 / 0.704 / 0.500: above the CRF in precision and in recall on all three roles.
        crf_found = attributions_from_tags(doc, crf_tags)
        found = [a for a in found if any(c.cue.overlaps(a.cue) for c in crf_found)]
        # The encoder ends content early (at a comma, an apposition: "Average interest rates on yen
        # certificates of deposit" for the whole clause); where the CRF finds the same cue, its
        # content is kept: PolNeAR dev content F1 0.466 → 0.476, sources and cues the same.
        crf = {a.cue: a.content for a in crf_found if a.content}
        found = [_with_content(a, crf[a.cue]) if a.cue in crf else a for a in found]
        # Content inside the parse's clause for the same cue and shorter is a piece of it: "The Russian"
        # of "The Russian … ship … took on fish …, the agency said", "King, 42, was in Fort" of "…, King,
        # 42, was in Fort Lauderdale visiting his brother" (PolNeAR dev content F1 0.513 → 0.516; only
        # verbless pieces, 0.513).
        parsed = {r.cue: r.content for r in rules if r.content}
        found = [_with_content(a, parsed[a.cue]) if a.cue in parsed and _fragment_of(doc, a.content, parsed[a.cue])
                 else a for a in found]
    else:
        found = attributions_from_tags(doc, tagger.tag(features))
    found = [_not_the_addressee(doc, _whole_source(doc, _filled(a, rules), rules)) for a in found]
    # A rule match on a multi-word lexicon cue ("made public by", "pointed out") the tagger
    # left untagged is kept: disclosure phrases matter here and are rare in PolNeAR.
    tagged = [(a.cue.start, a.cue.end) for a in found]
    found += [
        a
        for a in rules
        if a.source is not None
        and a.content
        and _phrasal_cue(doc[a.cue_head], cues) is not None
        and not any(s < a.cue.end and a.cue.start < e for s, e in tagged)
    ]
    return sorted(found, key=lambda a: a.cue.start)


def _filled(att: Attribution, rules: list[Attribution]) -> Attribution:
    """A tagged attribution missing its source or content takes the rules' for the same cue."""
    # A tagger may read the source as content too ("according to the ministry"): no content then.
    own = att.source is None or not any(p.overlaps(att.source) for p in att.content)
    if att.source is not None and att.content and own:
        return att
    rule = next((r for r in rules if r.cue == att.cue), None)
    if rule is None:
        return att
    # The tagger read the rules' source as content: trust the parse.
    content = rule.content if not att.content or not own or rule.source in att.content else att.content
    # Its source ran into the content ("According to the 230 mln stg contract, Lombard North
    # Central, an affiliate of …, will build"): the parse's source with the parse's content.
    source = rule.source if not own and rule.source is not None else att.source or rule.source
    return replace(_with_content(att, content), source=source)


# The dependencies of a word that only modifies a noun phrase's head ("lead" of "lead manager").
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})
# A name does not end in these: "one Canadian bond trader who", "the department's Export Sales
# Report covering", "The team's report to", "brand name drugs that have lost their".
UNFINISHED_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "AUX", "PART", "VERB"})
UNFINISHED_TAGS = frozenset({"WP", "WDT", "WP$", "PRP$"})
# Verbs whose passive subject is the one addressed ("was asked", "was told"), not the speaker.
ADDRESSED = frozenset({"ask", "tell", "inform", "warn", "advise", "brief", "assure", "notify", "remind", "question"})
# What opens a clause set against the one before it, often another party's ("…, while Lloyds will offer").
CONTRAST_MARKS = frozenset({"while", "whereas", "though", "although"})


def _whole_source(doc: Doc, att: Attribution, rules: list[Attribution]) -> Attribution:
    """The parse's subject for the same cue where the tagged source is only a piece of it: a
    modifier of its head ("lead" of "said lead manager Morgan Stanley and Co Inc"), the agency in
    its relay phrase ("SPA" of "Nazer, quoted by SPA, said": the agency passes the words on, the
    speaker said them), or a name cut off after a word no name ends in ("one Canadian bond trader
    who"; also where it runs past the subject: "the department's Export Sales Report covering").
    Taking the subject whenever it is longer lowered PolNeAR dev source F1 (its subjects run on
    where the parse errs); these cases raise its precision and recall by 0.001 each."""
    if att.source is None:
        return att
    inner = doc.char_span(att.source.start, att.source.end, alignment_mode="expand")
    rule = next((r for r in rules if r.cue == att.cue and r.source is not None), None)
    if inner is None:
        return att
    if rule is None or rule.source is None:
        return _modified_phrase(doc, att, inner)
    if rule.source == att.source:
        return att
    outer = rule.source
    cut = inner[-1].pos_ in UNFINISHED_POS or inner[-1].tag_ in UNFINISHED_TAGS
    if att.source.within(outer):
        modifier = inner.root.dep_ in MODIFIER_DEPS and outer.covers(inner.root.head.idx)
        relay = any(a.dep_ == "agent" and a.head.dep_ == "acl" and outer.covers(a.head.idx) for a in inner.root.ancestors)
        return replace(att, source=outer) if modifier or relay or cut else att
    # A cut-off name running past the parse's ("the department's Export Sales Report covering").
    inside = outer.within(att.source)
    return replace(att, source=outer) if cut and inside else att


def _not_the_addressee(doc: Doc, att: Attribution) -> Attribution:
    """The subject of "was asked", "was told" is who heard the words, not who said them ("King Fahd
    was asked whether Saudi Arabia would …": the encoder made the king the source of the question);
    such an attribution keeps no source (its speaker, if the report names one, is the agent the
    tagger marks: "was told by officials")."""
    cue = doc[att.cue_head]
    if att.source is None or cue.lemma_.lower() not in ADDRESSED or not any(c.dep_ == "auxpass" for c in cue.children):
        return att
    heard = [c for c in cue.children if c.dep_ == "nsubjpass"]
    if any(att.source.covers(c.idx) for c in heard):
        return replace(att, source=None)
    return att


def _modified_phrase(doc: Doc, att: Attribution, inner: Span) -> Attribution:
    """Where the parse finds no subject for the cue, a tagged source that only modifies a noun
    outside it ("lead" of "…, said lead manager Smith Barney, Harris Upham and Co Inc", where the
    parse makes "Barney" punctuation) grows to that noun's phrase; if the phrase cannot be taken
    (it runs into the cue or the content, or is no noun's), the attribution keeps no source rather
    than a modifier for a speaker. A modifier of the cue itself is its speaker ("Trump's charges",
    "his claim")."""
    top = inner.root
    while top.dep_ in MODIFIER_DEPS and top.head.i != top.i:
        top = top.head
        if att.cue.covers(top.idx):
            return att
    if inner.start <= top.i < inner.end:
        return att  # the tagged source is a phrase of its own
    sentence = inner.sent
    phrase = [t for t in top.subtree if sentence.start <= t.i < sentence.end]
    taken = [att.cue, *att.content]
    grown = _span_of(doc, phrase) if top.pos_ in {"NOUN", "PROPN"} else None
    if grown is None or not (grown.start <= inner.start_char and inner.end_char <= grown.end) \
            or any(p.overlaps(grown) for p in taken):
        return replace(att, source=None)
    return replace(att, source=grown)


def _fragment_of(doc: Doc, content: tuple[TextSpan, ...], clause: tuple[TextSpan, ...]) -> bool:
    """Content lying inside the clause and shorter than it: a piece of it; unless what the clause
    adds after it is a contrasting clause with a named subject ("it has allocated 500 mln stg for
    home loans" of "…, while Lloyds Bank will offer 300 mln stg": the parse hangs Lloyds' offer under
    Midland's words, the tagger ended them before it). Only the clause's growth is refused: cutting
    every content there cost PolNeAR dev six right contents for two ("while she was secretary of
    state", "even though it received less attention": annotators keep such clauses)."""
    inside = all(any(p.within(c) for c in clause) for p in content)
    shorter = sum(p.end - p.start for p in content) < sum(c.end - c.start for c in clause)
    return bool(content) and inside and shorter and not _contrast_after(doc, max(p.end for p in content), clause)


def _contrast_after(doc: Doc, end: int, clause: tuple[TextSpan, ...]) -> bool:
    # A named party's ("while Lloyds Bank will offer"), not the speaker's own figures ("…, he said,
    # production hit a record …, while industry profits exceeded 1985 profits").
    return any(t.dep_ == "advcl" and t.left_edge.idx >= end and _marked(t, CONTRAST_MARKS)
               and any(c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ == "PROPN" for c in t.children)
               for part in clause for t in _tokens_in(doc, part))


def _marked(verb: Token, marks: frozenset[str]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in marks for c in verb.children)


def _with_content(att: Attribution, content: tuple[TextSpan, ...]) -> Attribution:
    return replace(att, content=content, direct=any(p.text.startswith(_QUOTE_MARKS) for p in content))


def attributions_from_tags(doc: Doc, tags: list[str]) -> list[Attribution]:
    """Attributions from one BIO tag per token (the tagger's output)."""
    breaks = _line_breaks(doc)
    runs = [part for run in segments(tags) for part in (_paragraph_parts(doc, run, breaks) if run[0] == "CON" else [run])]
    cues = [r for r in runs if r[0] == "CUE"]
    bounds = sentence_bounds(doc)
    sources: dict[int, tuple[str, int, int]] = {}
    contents: dict[int, list[Token]] = {n: [] for n in range(len(cues))}
    for run in runs:
        if run[0] == "CUE":
            continue
        n = _link(doc, run, cues, bounds, breaks, sentences=1 if run[0] == "CON" else 0)
        if n is None:
            continue
        if run[0] == "CON":
            contents[n].extend(doc[run[1] : run[2]])
        elif n not in sources or _distance(run, cues[n]) < _distance(sources[n], cues[n]):
            sources[n] = run
    found = []
    for n, (_, start, end) in enumerate(cues):
        source = list(doc[sources[n][1] : sources[n][2]]) if n in sources else None
        content = _holes_filled(doc, contents[n], tags, bounds, breaks)
        found.append(_build(doc, list(doc[start:end]), source, content, cue_head=doc[start:end].root.i))
    return found


def _holes_filled(doc: Doc, content: list[Token], tags: list[str], bounds: list[tuple[int, int]],
                  breaks: list[int]) -> list[Token]:
    """Content with the untagged words between two of its parts in one sentence put back: a
    content is cut only by its cue and source ("“A,” he said, “B.”"), and the encoder dropped the
    middle of long subjects ("The Geneva" … "opens tomorrow" of "The Geneva Motor Show, the first
    major car show of the year, opens tomorrow", Reuters-21578)."""
    ids = sorted({t.i for t in content})
    filled = set(ids)
    for a, b in zip(ids, ids[1:]):
        if b - a > 1 and bounds[a] == bounds[b] and all(tags[i] == "O" for i in range(a + 1, b)) \
                and not _broken(breaks, a, b):
            filled.update(range(a + 1, b))
    return [doc[i] for i in sorted(filled)]


def _paragraph_parts(doc: Doc, run: tuple[str, int, int], breaks: list[int]) -> list[tuple[str, int, int]]:
    """A run cut at its line breaks: each paragraph's part is linked to a cue on its own (the
    tagger ran a quote of one paragraph into the next speaker's in the next)."""
    role, start, end = run
    parts, first = [], start
    for i in breaks[bisect_left(breaks, start) : bisect_left(breaks, end)]:
        parts.append((role, first, i + 1))
        first = i + 1
    parts.append((role, first, end))
    return [(role, s, e) for role, s, e in parts if any(not t.is_space for t in doc[s:e])]


def _distance(a: tuple[str, int, int], b: tuple[str, int, int]) -> int:
    return b[1] - a[2] if b[1] >= a[2] else a[1] - b[2]


Doc.set_extension("attributions", default=None, force=True)


# The taggers `fh_attribution` can run: "encoder" (the fine-tuned encoder averaged with the CRF,
# the default) and "crf" (the fast path, `--fast`).
BACKENDS = ("crf", "encoder")
DEFAULT_BACKEND = "encoder"
FAST_BACKEND = "crf"


class Attributions(Component):
    """Sets `doc._.attributions` (list[Attribution])."""

    extension = "attributions"

    def __init__(self, nlp: Language, name: str, backend: str = DEFAULT_BACKEND) -> None:
        super().__init__(nlp, name)
        self.backend = option("fh_attribution", "backend", backend, BACKENDS)

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        self.tagger: pycrfsuite.Tagger | EncoderTagger = EncoderTagger.load() if self.backend == "encoder" else load_tagger()
        self.cues = load_cues()
        super().initialize()

    def read(self, doc: Doc) -> list[Attribution]:
        return find_attributions(doc, self.tagger, self.cues)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Docs in batches: the encoder reads a whole batch's sentences at once, then each Doc is tagged."""
        if not self.initialized:
            self.initialize()
        for batch in minibatch(docs, size=batch_size):
            if isinstance(self.tagger, EncoderTagger):
                self.tagger.prepare(batch)
            yield from map(self, batch)

    def read_sentence(self, doc: Doc, sent: Span) -> list[Attribution]:
        # The cue's head is a token index: it moves by the sentence's first token.
        return [replace(a, cue_head=a.cue_head + sent.start) for a in super().read_sentence(doc, sent)]


@Language.factory("fh_attribution", requires=["token.dep", "token.head", "token.lemma", "token.tag"],
                  assigns=["doc._.attributions"], default_config={"backend": DEFAULT_BACKEND})
def make_attributions(nlp: Language, name: str, backend: str) -> Attributions:
    return Attributions(nlp, name, backend)
