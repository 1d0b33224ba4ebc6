"""The words of the rule language and the scenario contract: event types, targets, kinds of duty, means …"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

# --- rules -----------------------------------------------------------------------------------


class EventType(StrEnum):
    """What happened: an armed attack, an armed rebellion, a terrorist attack, or a threat of armed attack."""

    armed_attack = "armed_attack"
    armed_rebellion = "armed_rebellion"
    terrorist_attack = "terrorist_attack"
    armed_threat = "armed_threat"


class Target(StrEnum):
    """What an event strikes: the state's territory, or its forces, vessels or aircraft."""

    territory = "territory"
    forces = "forces"
    vessels = "vessels"
    aircraft = "aircraft"


class ObligationKind(StrEnum):
    """What a clause makes a bearer owe: defence, offense, consultation, refraining from force, or neutrality."""

    defense = "defense"  # assist the victim
    offense = "offense"  # join a partner's military offensive (toward: attacker)
    consultation = "consultation"
    non_aggression = "non_aggression"
    neutrality = "neutrality"


class Means(StrEnum):
    """The means a clause names, in the treaty's own terms."""

    armed_force = "armed_force"  # assistance "including the use of armed force"
    all_means_in_their_power = "all_means_in_their_power"
    action_deemed_necessary = "action_deemed_necessary"
    military_and_other_assistance = "military_and_other_assistance"
    necessary_assistance_including_military = "necessary_assistance_including_military"
    mutual_aid_and_assistance = "mutual_aid_and_assistance"
    assistance = "assistance"
    act_to_meet_common_danger = "act_to_meet_common_danger"
    peaceful_means_then_force = "peaceful_means_then_force"
    combat_terrorism = "combat_terrorism"
    consultation = "consultation"
    refrain_from_force = "refrain_from_force"
    neutrality = "neutrality"
    join_offensive = "join_offensive"  # take part in the partner's military action


class AttackerCondition(StrEnum):
    """Who must have attacked for a clause to apply."""

    any = "any"  # anyone, states and non-state groups alike
    state = "state"  # at least one attacking state
    non_party = "non_party"  # no attacking state is a party of the treaty on the date
    non_party_state = "non_party_state"  # both of the above
    party = "party"  # at least one attacking state is a party in good standing (offense pledges)


class Bearers(StrEnum):
    """Which parties bear a clause's duty."""

    other_parties = "other_parties"  # every party in good standing but the victim and attackers
    attacking_parties = "attacking_parties"  # parties among the attackers (non-aggression)


class RequestTo(StrEnum):
    """Whom the victim must have asked for help for a clause to apply."""

    treaty = "treaty"  # the treaty's organisation was asked (requested_from names the treaty)
    bearer = "bearer"  # this bearer state itself was asked


class RequestBy(StrEnum):
    """Who may make the request a clause needs."""

    victim = "victim"  # the state attacked (the default, and the only reading before requesters existed)
    party = "party"  # any party in good standing (NATO Art 4: "in the opinion of any of them")


class Finding(StrEnum):
    """What a treaty body may determine about an event."""

    armed_attack = "armed_attack"  # the event is an armed attack in the treaty's sense
    attack_on_all = "attack_on_all"  # the attack is to be regarded as against all parties
    invoked = "invoked"  # the clause was invoked and the body accepted it


class Toward(StrEnum):
    """To whom a duty is owed."""

    victim = "victim"  # the state attacked
    attacker = "attacker"  # each attacking party (offense pledges)


class TextCertainty(StrEnum):
    """How well the text a treaty's rules were encoded from is known."""

    published = "published"  # the treaty's own text, as published (or a published translation)
    official_summary = "official_summary"  # a government's or depositary's summary; the text was not read
    press_report = "press_report"  # the text is unpublished: encoded from statements as the press reports them


UNKNOWN = "unknown"
"""A scenario fact nobody knows: duties that hinge on it are reported as undetermined."""

Unknown = Literal["unknown"]
