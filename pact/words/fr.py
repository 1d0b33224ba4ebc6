"""Messages en français. Mêmes clés que ``en.py`` (un test échoue s'il en manque une).

The AES Charter and the ECOWAS protocols are French texts, read in Bamako, Niamey and Ouagadougou:
the wording follows the usage of those texts and of the regional press (« partie », « agression
armée », « en vigueur », « État partie »). Dates stay in ISO form (``2025-01-29``), as in the data.
"""

MESSAGES: dict[str, str] = {
    "none": "aucun",
    "unnamed_attacker": "un agresseur non identifié",
    "own_territory": "le territoire de {state}",
    # vocabulaire
    "type.armed_attack": "une agression armée",
    "type.armed_rebellion": "une rébellion armée",
    "type.terrorist_attack": "une attaque terroriste",
    "type.armed_threat": "une menace armée",
    "types.armed_attack": "agression armée",
    "types.armed_rebellion": "rébellion armée",
    "types.terrorist_attack": "attaque terroriste",
    "types.armed_threat": "menace armée",
    "target.territory": "territoire",
    "target.forces": "forces",
    "target.vessels": "navires",
    "target.aircraft": "aéronefs",
    "kind.defense": "défense",
    "kind.consultation": "consultation",
    "kind.non_aggression": "non-agression",
    "kind.neutrality": "neutralité",
    "status.member": "membre",
    "status.suspended": "suspendu",
    "status.frozen": "gelé",
    "means.armed_force": "force armée",
    "means.all_means_in_their_power": "tous les moyens en leur pouvoir",
    "means.action_deemed_necessary": "action jugée nécessaire",
    "means.military_and_other_assistance": "assistance militaire et autre",
    "means.necessary_assistance_including_military": "assistance nécessaire, y compris militaire",
    "means.mutual_aid_and_assistance": "aide et assistance mutuelles",
    "means.assistance": "assistance",
    "means.act_to_meet_common_danger": "action face au danger commun",
    "means.peaceful_means_then_force": "moyens pacifiques, puis la force",
    "means.combat_terrorism": "lutte contre le terrorisme",
    "means.consultation": "consultation",
    "means.refrain_from_force": "s'abstenir du recours à la force",
    "means.neutrality": "neutralité",
    "attacker.any": "tout agresseur",
    "attacker.state": "un État",
    "attacker.non_party": "non partie",
    "attacker.non_party_state": "un État non partie",
    # la clause s'applique-t-elle à l'événement ?
    "in_force.held": "le traité {treaty} était en vigueur le {date} (depuis le {from})",
    "in_force.not_yet": "le traité {treaty} n'était pas encore en vigueur le {date} (entrée en vigueur le {from})",
    "in_force.ended": "le traité {treaty} n'était plus en vigueur le {date} (fin le {until})",
    "event_type.held": "l'événement est {type}",
    "event_type.failed": "l'événement est {type}, et la clause ne couvre que : {covered}",
    "against.held": "l'attaque a visé {victim} ({against})",
    "against.failed": "l'attaque a visé {victim} ({against}), et la clause ne couvre que : {covered}",
    "victim_party.held": "la victime, {victim}, était partie au traité {treaty}, sans suspension (depuis le {from})",
    "victim_party.status": (
        "la victime, {victim}, était {status} au titre du traité {treaty} le {date} (du {from} au {until})"
    ),
    "victim_party.status_open": (
        "la victime, {victim}, était {status} au titre du traité {treaty} le {date} (depuis le {from})"
    ),
    "victim_party.never": "la victime, {victim}, n'est pas partie au traité {treaty}",
    "victim_party.not_yet": (
        "la victime, {victim}, n'était pas encore partie au traité {treaty} le {date} (adhésion le {from})"
    ),
    "victim_party.no_longer": (
        "la victime, {victim}, n'était plus partie au traité {treaty} le {date} (sortie le {until})"
    ),
    "victim_in_region.held": "la victime, {victim}, relève de la zone : {region_title}",
    "victim_in_region.failed": "la victime, {victim}, ne relève pas de la zone : {region_title}",
    "attacker.held": "l'agresseur ({attackers}) est de ceux que la clause couvre ({condition})",
    "attacker.not_state": "la clause ne couvre que les agressions d'un État, et {attackers} n'est pas un État",
    "attacker.party": (
        "l'agresseur, {parties}, est lui-même partie au traité {treaty}, et la clause ne couvre que les non-parties"
    ),
    "attacker_among.held": "l'agresseur ({attackers}) figure parmi les États que la clause désigne ({named})",
    "attacker_among.failed": "l'agresseur ({attackers}) ne figure pas parmi les États que la clause désigne ({named})",
    "location.inside": "l'événement a eu lieu à {place} ({place_name}), dans la zone : {inside}",
    "location.own_territory": "l'événement a eu lieu à {place} ({place_name}), sur le territoire même de {victim}",
    "location.failed": "le lieu {place} ({place_name}) est hors de la zone d'application de la clause ({areas})",
    "requested.held": "{victim} a demandé assistance au titre du traité {treaty}",
    "requested.failed": "{victim} n'a pas demandé assistance au titre du traité {treaty}",
    # l'État est-il tenu par la clause ?
    "party_on_day.held": "{state} était partie au traité {treaty}, sans suspension, le {date} (depuis le {from})",
    "party_on_day.status": "{state} était {status} au titre du traité {treaty} le {date} (du {from} au {until})",
    "party_on_day.status_open": "{state} était {status} au titre du traité {treaty} le {date} (depuis le {from})",
    "party_on_day.never": "{state} n'est pas partie au traité {treaty}",
    "party_on_day.not_yet": "{state} n'était pas encore partie au traité {treaty} le {date} (adhésion le {from})",
    "party_on_day.no_longer": "{state} n'était plus partie au traité {treaty} le {date} (sortie le {until})",
    "not_victim.held": "{state} n'est pas la victime",
    "not_victim.failed": "{state} est la victime",
    "not_attacker.held": "{state} n'est pas un agresseur",
    "not_attacker.failed": "{state} est un agresseur, et ne doit aucune {kind} à sa propre victime",
    "among_attackers.held": "{state} figure parmi les agresseurs, et la clause lie les parties agresseurs",
    "among_attackers.failed": (
        "{state} ne figure pas parmi les agresseurs, et la clause ne lie que les parties agresseurs"
    ),
    "listed_bearer.held": "{state} figure parmi les États que la clause oblige ({bearers})",
    "listed_bearer.failed": "{state} ne figure pas parmi les États que la clause oblige ({bearers})",
    "not_suspended.held": "{state} n'avait pas suspendu ses obligations au titre du traité {treaty} envers {toward}",
    "not_suspended.failed": (
        "{state} a suspendu ses obligations au titre du traité {treaty} envers {toward} depuis le {from}"
    ),
    "requested_bearer.held": "{victim} a demandé assistance à {whom}",
    "requested_bearer.failed": "{victim} n'a pas demandé assistance à {state}",
    "requested_bearer.failed_or_treaty": "{victim} n'a demandé assistance ni à {state} ni au traité {treaty}",
    # conflits
    "conflict.owes": "{state} a une obligation de {kind} envers {toward} au titre du traité {treaty}, {article}",
    "conflict.bound": "{state} est lié à {against} par le traité {treaty}, {article} ({kind})",
    # une condition remplie, en quelques mots (tableaux)
    "short.in_force": "traité {treaty} en vigueur",
    "short.event_type": "{type}",
    "short.against": "attaque visant {victim} ({against})",
    "short.victim_party": "{victim} est partie",
    "short.victim_in_region": "{victim} relève de la zone : {region_title}",
    "short.attacker": "agresseur {attackers} : {condition}",
    "short.attacker_among": "agresseur désigné par la clause : {attackers}",
    "short.location": "{place} ({place_name}) est dans la zone : {inside}",
    "short.requested": "{victim} a demandé assistance (traité {treaty})",
    "short.requested_bearer": "{victim} a demandé assistance à {whom}",
    "short.party_on_day": "{state} est partie",
    "short.not_victim": "{state} n'est pas la victime",
    "short.not_attacker": "{state} n'est pas un agresseur",
    "short.among_attackers": "{state} figure parmi les agresseurs",
    "short.listed_bearer": "{state} est désigné par la clause",
    "short.not_suspended": "{state} n'a pas suspendu ses obligations",
    # rapports
    "sep": " ; ",
    "pair": "{name} : {value}",
    "cited": "{article} : {reason}",
    "each": "chacun",
    "report.title": "{scenario} ({date})",
    "report.events": "Événements",
    "report.event": "{event} : {type} contre {target}",
    "report.event_at": " à {place}",
    "report.event_by": ", par {attackers}",
    "report.event_asked": " ; {target} a demandé l'assistance de : {asked}",
    "report.summary": "Synthèse",
    "report.count_obligated": "États tenus d'agir",
    "report.count_duties": "obligations",
    "report.count_conflicts": "États liés aux deux camps",
    "report.count_not_obligated": "parties sans obligation",
    "report.obligated": "Obligations ({count})",
    "report.none_obligated": "Aucun État n'est tenu d'agir.",
    "report.conflicts": "Conflits ({count}) : États liés aux deux camps",
    "report.no_conflicts": "Aucun État n'est lié aux deux camps.",
    "report.not_obligated": "Sans obligation ({count} parties)",
    "report.reasons": "Pourquoi ils sont tenus d'agir",
    "report.reason_group": "{article} du traité {treaty} oblige {states} envers {toward} ({event})",
    "report.each_bearer": "et pour chaque État :",
    "report.graph": "Qui doit quoi à qui",
    "report.explanations": "Chaque décision, clause par clause",
    "report.notes": "Notes",
    "report.sources": "Sources",
    "report.made_by": (
        "Établi par pact à partir des règles des traités, fournies ou embarquées ; "
        "chaque motif cite son article et FICHIER:LIGNE."
    ),
    "report.duty": "{kind} ({means})",
    "report.states": "{states} ({count})",
    "col.state": "État",
    "col.treaty": "traité",
    "col.article": "article",
    "col.duty": "obligation",
    "col.toward": "envers",
    "col.event": "événement",
    "col.because": "motif",
    "col.why_not": "pourquoi pas (le motif décisif)",
    "col.states": "États",
    "col.owes": "doit à",
    "col.bound_to": "lié à",
    "graph.attacks": "attaque",
    "graph.bound": "lié à l'agresseur",
    "graph.conflict": "lié aux deux camps",
    "graph.victim": "attaqué",
    "graph.attacker": "agresseur",
    "graph.bearer": "tenu d'agir",
    "graph.legend": (
        "Flèches : qui doit quoi à qui (traité, article) ; en rouge : les attaques ; "
        "en pointillés : les liens conventionnels avec un agresseur."
    ),
    "graph.empty": "Aucune obligation ne naît : rien à dessiner.",
    # explications
    "explain.title": "{state} au titre du traité {treaty}, événement {event} (attaque contre {toward}) : {verdict}",
    "explain.obligated": "tenu d'agir",
    "explain.not_obligated": "non tenu",
    "explain.binds": "{article} ({clause}) oblige {state}",
    "explain.does_not_bind": "{article} ({clause}) n'oblige pas {state}",
    "explain.trigger": "la clause s'applique-t-elle à l'événement ?",
    "explain.bearer": "oblige-t-elle {state} ?",
    "explain.decisive": "décisif",
    "explain.nothing": "Ces événements ne concernent aucun traité de ces règles.",
    "explain.none": (
        "Aucun traité concerné par ces événements ne peut obliger {state} ; "
        "nommez-en un avec --treaty pour savoir pourquoi."
    ),
}
