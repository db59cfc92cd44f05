"""Origins are identities, not names (issue 15 item 3): each case is a failure the precision audit
of 2026-11-29 found (docs/audits/2026-11-29-before), rebuilt as claims."""

from __future__ import annotations

from firsthand.link.claim_groups import group_claims
from firsthand.link.origins import Relays, independent_origins
from firsthand.model.claim import Certainty, Claim, Source


def said(report: str, text: str, *chain: Source, start: int = 0) -> Claim:
    return Claim(report, start, start + len(text), text, start, start + len(text), None, "said", None,
                 (*chain, Source("reporter", "Wire", "outlet")), Certainty())


def source(name: str, kind: str, entity: str | None = None, role: str = "origin") -> Source:
    return Source(role, name, kind, entity)


OWN = source("Reuters", "outlet")


def count(claims: list[Claim], outlets: dict[str, str] | None = None, context: list[Claim] = ()) -> int:
    return len(independent_origins(claims, context, (), outlets))


def test_an_outlets_own_reporting_is_one_origin_across_its_reports():
    # reuters-claim-028: "Reuters (its own reporting)" twice made the Delta launch B1.
    launch = [said("a", "Delta launched the satellite.", OWN), said("b", "Delta launched the satellite.", OWN)]
    assert count(launch, {"a": "Reuters", "b": "Reuters"}) == 1
    assert count(launch, {"a": "Reuters", "b": "AP"}) == 2
    assert count(launch) == 2  # outlets unknown: each report its own voice


def test_one_person_under_two_names_is_one_origin():
    # polnear-claim-045 ("Trump", "Donald Trump"); reuters-claim-033 ("Dilson Funaro", "Funaro").
    trump = [said("a", "We will win.", source("Trump", "person")),
             said("b", "We will win.", source("Donald Trump", "person", "person:donald-trump"))]
    assert count(trump) == 1
    funaro = [said("a", "Brazil will pay.", source("Funaro", "person", "person:funaro")),
              said("b", "Brazil will pay.", source("Dilson Funaro", "government", "person:dilson-funaro"))]
    assert count(funaro) == 1
    # Two people who share a surname are not one.
    kims = [said("a", "Talks went well.", source("Kim", "person")),
            said("b", "Talks went well.", source("Kim Jong Un", "person", "person:kim-jong-un")),
            said("c", "Talks went well.", source("Kim Yo Jong", "person", "person:kim-yo-jong"))]
    assert count(kims) == 3


def test_a_description_of_the_relay_is_the_origin_it_relays():
    # The seeds: "the South Korean lawmaker who revealed this information" is lawmaker Yoo, who
    # made the NIS briefing public: one origin with the NIS, not a second one.
    nis = source("the National Intelligence Service", "intelligence", "org:kor-nis")
    yoo = source("lawmaker Yoo Sang-bum", "legislator", "person:yoo-sang-bum", role="relay")
    briefed = said("a", "North Korea shipped 1 million shells to Russia.", nis, yoo)
    described = said("b", "North Korea shipped more than a million rounds to Russia.",
                      source("The South Korean lawmaker who revealed this information", "legislator", "KOR"))
    origins = independent_origins([briefed, described])
    assert len(origins) == 1 and origins[0].key == "org:kor-nis"


def test_a_nationality_is_not_the_country_speaking():
    lawmaker = source("The South Korean lawmaker", "legislator", "KOR")
    officials = source("South Korean officials", "government", "KOR")
    relays = Relays([said("a", "x", lawmaker), said("b", "y", officials)])
    assert relays.identities.key(lawmaker) != relays.identities.key(officials) == "KOR"


def test_a_government_organ_speaks_for_its_government():
    # The seeds: the White House's imagery and "the United States alleged" are one government.
    claims = [said("a", "North Korea sent arms to Russia.", source("the White House", "government", "org:usa-white-house")),
              said("b", "North Korea sent arms to Russia.", source("the United States", "government", "USA"))]
    assert count(claims) == 1


def test_a_shorter_description_is_the_one_longer_one_containing_it():
    # polnear-claim-005: "American law enforcement officials" and "Law enforcement officials subsequently".
    claims = [said("a", "The postings were private.", source("American law enforcement officials", "party")),
              said("b", "The postings were private.", source("Law enforcement officials subsequently", "government"))]
    assert count(claims) == 1


def test_a_pronoun_and_a_title_fold_into_the_named_origin():
    # reuters-claim-036: "He" beside another origin; polnear-judgement-027: "the president" and "Mr. Obama".
    assert count([said("a", "They agreed.", source("He", "person")),
                  said("a", "They agreed.", source("the parliamentary official", "government"), start=40)]) == 1
    assert count([said("a", "No ground troops.", source("the president", "government")),
                  said("b", "No ground troops.", source("Mr. Obama", "government", "person:barack-obama"))]) == 1


def test_claims_about_different_named_subjects_are_not_one_claim():
    # reuters-claim-064: "Qtly div 51 cts vs 51 cts" of unrelated companies pooled into one B1.
    a = said("a", "Qtly div 51 cts vs 51 cts prior.", OWN)
    b = said("b", "Qtly div 51 cts vs 51 cts prior.", OWN)
    a, b = (Claim(**{**c.__dict__, "entity_ids": ("org:x",)}) for c in (a, b))
    story = {"a": "s", "b": "s"}
    assert len(group_claims([a, b], story)) == 1
    assert len(group_claims([a, b], story, subjects=[{"org:acme"}, {"org:bolt"}])) == 2


def test_what_would_happen_if_is_not_what_will():
    # reut2-000 "U.S. WHEAT BONUS": "if the Reagan administration did decide to offer subsidized
    # wheat to Moscow, it could take several months" was pooled with "the Reagan administration
    # will offer subsidized wheat to the Soviet Union" into one B1 'confirmed' view.
    sources = source("administration and private sources", "government")
    could = said("a", "if the Reagan administration did decide to offer subsidized wheat to Moscow, it could take "
                 "several months", sources)
    will = said("b", "the Reagan administration will offer subsidized wheat to Moscow", OWN)
    could = Claim(**{**could.__dict__, "certainty": Certainty(modality="conditional"), "entity_ids": ("USA",)})
    will = Claim(**{**will.__dict__, "certainty": Certainty(modality="future"), "entity_ids": ("USA",)})
    story = {"a": "s", "b": "s"}
    assert len(group_claims([could, will], story)) == 2
    assert len(group_claims([will, Claim(**{**will.__dict__, "report_id": "a"})], story)) == 1


def test_a_different_figure_does_not_confirm_the_one_shown():
    # reut2-000 N.Z. briefs: "reserves fell to 7.15 billion N.Z. dlrs in January" (the Reserve Bank)
    # was "confirmed" by Reuters' own "Total deposits rose to 17.18 billion N.Z. dlrs in January".
    from firsthand.grade.evidence import assess
    from firsthand.model.quantity import Interval, Quantity

    def billions(value: float, text: str) -> Quantity:
        return Quantity(0, len(text), text, value * 1e9, Interval.point(value * 1e9), unit="dlrs", kind="money")

    bank = source("the Reserve Bank", "government")
    reserves = Claim(**{**said("a", "reserves fell to 7.15 billion N.Z. dlrs in January", bank).__dict__,
                        "quantities": (billions(7.15, "7.15 billion N.Z. dlrs"),)})
    deposits = Claim(**{**said("b", "Total deposits rose to 17.18 billion N.Z. dlrs in January", OWN).__dict__,
                        "quantities": (billions(17.18, "17.18 billion N.Z. dlrs"),)})
    grade, evidence, found = assess([reserves, deposits], independent_origins([reserves, deposits]), {}, shown=reserves)
    assert [o.name for o in evidence.origins] == ["the Reserve Bank"] and grade.credibility != 1
    assert any(d.conflict for d in found)  # still shown as where the reports differ


def test_a_claim_states_its_own_percentage():
    # reut2-000: "National Amusements holds 19.6 pct of Viacom's stock" — "%" has no words to
    # compare units by, and the claim's own origin must still state its figure.
    from firsthand.grade.evidence import assess
    from firsthand.model.quantity import Interval, Quantity

    pct = Quantity(27, 35, "19.6 pct", 19.6, Interval.point(19.6), unit="%", kind="percent")
    holds = Claim(**{**said("a", "National Amusements holds 19.6 pct of Viacom's stock", OWN).__dict__,
                     "quantities": (pct,)})
    grade, evidence, _ = assess([holds], independent_origins([holds]), {"a": "Reuters"}, shown=holds)
    assert len(evidence.origins) == 1 and grade.credibility == 2


def test_a_claim_naming_the_others_subject_may_be_the_same_claim():
    # examples/: "North Korea has sent about 1 million artillery shells to Russia" and the same
    # words parsed with "South Korea's spy agency" as subject: one claim, not two.
    a = said("a", "North Korea has sent about 1 million artillery shells to Russia.", OWN)
    b = said("b", "North Korea has sent about 1 million artillery shells to Russia.", OWN)
    a = Claim(**{**a.__dict__, "entity_ids": ("PRK", "RUS")})
    b = Claim(**{**b.__dict__, "entity_ids": ("PRK", "RUS", "KOR")})
    assert len(group_claims([a, b], {"a": "s", "b": "s"}, subjects=[{"PRK"}, {"KOR"}])) == 1


def test_claims_whose_words_match_must_mean_alike():
    # reut2-003 (2026-12-08): "concern" and "Moscow" made these one claim, "confirmed" (B1) on the
    # State Department and Reuters' own reporting, the first key judgement of its story.
    from firsthand.read.encoder import Encoder

    told = said("a", "Moscow had been told of U.S. concern over the incident", source("U.S. Department of State", "government"))
    corn = said("b", "A drawdown of corn supplies in China and Argentina, concern over Soviet winter crops, and "
                     "increasing competition for U.S. corn were all cited as possible factors in creating Moscow's "
                     "recent interest", OWN)
    told, corn = (Claim(**{**c.__dict__, "entity_ids": ("RUS", "USA")}) for c in (told, corn))
    again = said("c", "Moscow was told of the United States' concern over the incident", OWN)
    again = Claim(**{**again.__dict__, "entity_ids": ("RUS", "USA")})
    story = dict.fromkeys("abc", "s")
    assert len(group_claims([told, corn], story)) == 1  # on words alone
    meaning = Encoder.load().embed
    assert len(group_claims([told, corn], story, meaning=meaning)) == 2
    assert len(group_claims([told, again], story, meaning=meaning)) == 1
