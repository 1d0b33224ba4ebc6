"""Messages en français. Mêmes clés que ``en.py`` (un test échoue s'il en manque une).

The AES Charter and the ECOWAS protocols are French texts, read in Bamako, Niamey and Ouagadougou:
the wording follows the usage of those texts and of the regional press (« partie », « agression
armée », « en vigueur », « État partie »). Dates stay in ISO form (``2025-01-29``), as in the data.
"""

MESSAGES: dict[str, str] = {
    "none": "aucun",
    "unnamed_attacker": "un agresseur non identifié",
    "place.unnamed": "un lieu sans nom",
    "own_territory": "le territoire de {state}",
    # noms d'États que le CLDR ne donne pas (États disparus), ou pas sous la forme attendue
    "name.CSK": "Tchécoslovaquie",
    "name.DDR": "Allemagne de l'Est",
    "name.SCG": "Serbie-et-Monténégro",
    "name.SUN": "Union soviétique",
    "name.VDR": "Nord Viêt Nam",
    "name.YMD": "Yémen du Sud",
    "name.YUG": "Yougoslavie",
    "name.XAH": "Autriche-Hongrie",
    "name.XAN": "Annam",
    "name.XBD": "Bade",
    "name.XBV": "Bavière",
    "name.XCA": "République fédérale d'Amérique centrale",
    "name.XDE": "Allemagne (Reich allemand)",
    "name.XGC": "Grande Colombie",
    "name.XHD": "Hesse-Darmstadt",
    "name.XHK": "Hesse-Cassel",
    "name.XHN": "Hanovre",
    "name.XKR": "Corée (Joseon)",
    "name.XMF": "Fédération du Mali",
    "name.XMN": "Monténégro (principauté, royaume)",
    "name.XMO": "Modène",
    "name.XMS": "Mecklembourg-Schwerin",
    "name.XPA": "Parme",
    "name.XPR": "Prusse",
    "name.XPS": "États pontificaux",
    "name.XRU": "Russie (Empire russe, Russie soviétique)",
    "name.XSB": "Serbie (principauté, royaume)",
    "name.XSX": "Saxe",
    "name.XTS": "Deux-Siciles",
    "name.XTU": "Toscane",
    "name.XVS": "Sud Viêt Nam",
    "name.XWT": "Wurtemberg",
    "name.XYA": "Yémen du Nord",
    "name.XZZ": "Zanzibar",
    "name.PSE": "Palestine",
    "name.COD": "RD Congo",
    "name.COG": "Congo",
    "name.MMR": "Myanmar",
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
    "kind.offense": "participation à l'offensive",
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
    "means.join_offensive": "participation à l'action militaire",
    "attackers.any": "tout agresseur",
    "attackers.state": "un État",
    "attackers.non_party": "non partie",
    "attackers.non_party_state": "un État non partie",
    "attackers.party": "une partie",
    "attackers.member": "un membre de l'instrument",
    "attackers.outside": "un État extérieur à l'instrument",
    "finding.armed_attack": "une agression armée au sens du traité",
    "finding.attack_on_all": "une agression contre toutes les parties",
    "finding.invoked": "la clause invoquée",
    # la clause s'applique-t-elle à l'événement ?
    "in_force.held": "le traité {treaty} était en vigueur le {date} (depuis le {from})",
    "in_force.not_yet": "le traité {treaty} n'était pas encore en vigueur le {date} (entrée en vigueur le {from})",
    "in_force.ended": "le traité {treaty} n'était plus en vigueur le {date} (fin le {until})",
    "event_type.held": "l'événement est {type}",
    "event_type.failed": "l'événement est {type}, et la clause ne couvre que : {covered}",
    "against.held": "l'attaque a visé {victim} ({against})",
    "against.failed": "l'attaque a visé {victim} ({against}), et la clause ne couvre que : {covered}",
    "victim_party.held": "la victime, {victim}, était partie au traité {treaty}, sans suspension (depuis le {from})",
    "victim_party.held_status": (
        "la victime, {victim}, était {status} au titre du traité {treaty} le {date} (depuis le {from}), "
        "et restait protégée"
    ),
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
    "victim_party.unknown": (
        "on ne sait pas si la victime, {victim}, était encore partie au traité {treaty} le {date}"
        " : son préavis de retrait est parvenu au dépositaire entre le {received_from} et le {received_until}, "
        "si bien que sa sortie a pris effet entre le {left_from} et le {left_by}"
    ),
    "victim_member.held": (
        "la victime, {victim}, était membre de {treaty}, sans suspension, le {date} (depuis le {from})"
    ),
    "victim_member.held_status": (
        "la victime, {victim}, était {status} au sein de {treaty} le {date} (depuis le {from}), "
        "et restait protégée en tant que membre"
    ),
    "victim_member.status": "la victime, {victim}, était {status} au sein de {treaty} le {date} (du {from} au {until})",
    "victim_member.status_open": (
        "la victime, {victim}, était {status} au sein de {treaty} le {date} (depuis le {from})"
    ),
    "victim_member.never": "la victime, {victim}, n'est pas membre de {treaty}",
    "victim_member.not_yet": (
        "la victime, {victim}, n'était pas encore membre de {treaty} le {date} (adhésion le {from})"
    ),
    "victim_member.no_longer": "la victime, {victim}, n'était plus membre de {treaty} le {date} (sortie le {until})",
    "victim_member.unknown": (
        "on ne sait pas si la victime, {victim}, était encore membre de {treaty} le {date}"
        " : son préavis de retrait est parvenu au dépositaire entre le {received_from} et le {received_until}, "
        "si bien que sa sortie a pris effet entre le {left_from} et le {left_by}"
    ),
    "victim_in_region.held": "la victime, {victim}, relève de la zone : {region_title}",
    "victim_in_region.failed": "la victime, {victim}, ne relève pas de la zone : {region_title}",
    "attacker.held": "l'agresseur ({attackers}) est de ceux que la clause couvre ({covers})",
    "attacker.not_state": "la clause ne couvre que les agressions d'un État, et {attackers} n'est pas un État",
    "attacker.party": (
        "l'agresseur, {parties}, est lui-même partie au traité {treaty}, et la clause ne couvre que les non-parties"
    ),
    "attacker_member.held_member": "l'agresseur {members} était membre de {instrument} le {date}",
    "attacker_member.no_member": "aucun agresseur ({attackers}) n'était membre de {instrument} le {date}",
    "attacker_member.held_outside": (
        "l'agresseur ({attackers}) est un État qui n'était pas membre de {instrument} le {date}"
    ),
    "attacker_member.member": (
        "l'agresseur {members} était membre de {instrument} le {date}, et la clause ne couvre que les agressions "
        "venues de l'extérieur"
    ),
    "attacker_member.not_state": "la clause ne couvre que les agressions d'un État, et {attackers} n'est pas un État",
    "attacker_member.unknown": (
        "on ne sait pas qui est l'agresseur (la clause demande s'il était membre de {instrument})"
    ),
    "attacker_member.inside": "membre de",
    "attacker_member.outside": "non membre de",
    "decided_by.decides": "l'action prévue par la clause est décidée par {body} ({instrument})",
    "decided_by.held": (
        "l'action prévue par la clause est décidée par {body} ({instrument}), où {victim} peut siéger le {date}"
    ),
    "decided_by.waits": (
        "la victime, {victim}, reste protégée, mais l'action prévue par la clause attend une décision de {body} "
        "({instrument}), dont elle est suspendue le {date} (du {from} au {until}) : elle ne peut prendre part "
        "à cette décision"
    ),
    "decided_by.waits_open": (
        "la victime, {victim}, reste protégée, mais l'action prévue par la clause attend une décision de {body} "
        "({instrument}), dont elle est suspendue le {date} (depuis le {from}) : elle ne peut prendre part "
        "à cette décision"
    ),
    "attacker_among.held": "l'agresseur ({attackers}) figure parmi les États que la clause désigne ({named})",
    "attacker_among.failed": "l'agresseur ({attackers}) ne figure pas parmi les États que la clause désigne ({named})",
    "location.inside": "l'événement a eu lieu à {place}, dans la zone : {inside}",
    "location.own_territory": "l'événement a eu lieu à {place}, sur le territoire même de {victim}",
    "location.failed": "le lieu {place} est hors de la zone d'application de la clause ({areas})",
    "requested.held": "{victim} a demandé assistance au titre du traité {treaty}",
    "requested.failed": "{victim} n'a pas demandé assistance au titre du traité {treaty}",
    # l'État est-il tenu par la clause ?
    "party_on_day.held": "{state} était partie au traité {treaty}, sans suspension, le {date} (depuis le {from})",
    "party_on_day.held_status": (
        "{state} était {status} au titre du traité {treaty} le {date} (depuis le {from}), "
        "et restait tenu par ses obligations"
    ),
    "party_on_day.status": "{state} était {status} au titre du traité {treaty} le {date} (du {from} au {until})",
    "party_on_day.status_open": "{state} était {status} au titre du traité {treaty} le {date} (depuis le {from})",
    "party_on_day.never": "{state} n'est pas partie au traité {treaty}",
    "party_on_day.not_yet": "{state} n'était pas encore partie au traité {treaty} le {date} (adhésion le {from})",
    "party_on_day.no_longer": "{state} n'était plus partie au traité {treaty} le {date} (sortie le {until})",
    "party_on_day.unknown": (
        "on ne sait pas si {state} était encore partie au traité {treaty} le {date}"
        " : son préavis de retrait est parvenu au dépositaire entre le {received_from} et le {received_until}, "
        "si bien que sa sortie a pris effet entre le {left_from} et le {left_by}"
    ),
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
    "short.victim_member": "{victim} est membre de {treaty}",
    "short.victim_in_region": "{victim} relève de la zone : {region_title}",
    "short.attacker": "agresseur {attackers} : {covers}",
    "short.version": "dans la rédaction de {instrument}",
    "short.on_victim_territory": "sur le territoire de {victim}",
    "short.determination": "{treaty} a constaté : {made}",
    "short.condition": "la condition {condition} est remplie",
    "short.attacker_member": "agresseur {attackers} : {side} {instrument}",
    "short.decided_by": "décidée par {body} ({instrument})",
    "short.attacker_among": "agresseur désigné par la clause : {attackers}",
    "short.location": "{place} est dans la zone : {inside}",
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
    "report.what": "{type} contre {target}",
    "report.what_by": "{type} contre {target} par {attackers}",
    "report.other_days#one": (
        "… et {count} partie à une autre date, non citée : pas encore ou plus partie, "
        "ou traité non en vigueur à cette date (--all l'affiche)"
    ),
    "report.other_days#other": (
        "… et {count} parties à d'autres dates, non citées : pas encore ou plus parties, "
        "ou traité non en vigueur à cette date (--all les affiche)"
    ),
    "report.events": "Événements",
    "report.event": "{event} : {type} contre {target}",
    "report.event_at_unknown": " en un lieu inconnu",
    "report.event_by_unknown": ", par un agresseur inconnu",
    "report.event_asked_unknown": " ; on ne sait pas si {target} a demandé de l'aide",
    "report.determination": "l'organe compétent de {treaty} a constaté le {date} : {finding}",
    "assume.joins": "{state} devient partie à {treaty} le {date}",
    "assume.leaves": "{state} quitte {treaty} le {date}",
    "assume.stays": "{state} reste partie à {treaty} (son retrait enregistré n'a pas lieu)",
    "assume.suspends": "{state} suspend ses obligations au titre de {treaty} envers {toward} à partir du {start}",
    "assume.suspends_until": (
        "{state} suspend ses obligations au titre de {treaty} envers {toward} du {start} au {until}"
    ),
    "assume.lifts": "{state} lève sa suspension au titre de {treaty} envers {toward} (elle n'a jamais eu lieu)",
    "assume.lifts_from": "{state} lève sa suspension au titre de {treaty} envers {toward} à partir du {start}",
    "assume.ends": "{treaty} prend fin le {date}",
    "assume.in_force": "{treaty} est en vigueur à partir du {date}",
    "assume.clause_off": "{treaty} : la clause {clause} n'est pas appliquée",
    "assume.region_adds": "la région {region} comprend {place}",
    "assume.region_removes": "la région {region} exclut {place}",
    "report.assuming": "Hypothèses : {changes}",
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
    "report.not_obligated#one": "Sans obligation ({count} partie)",
    "report.not_obligated#other": "Sans obligation ({count} parties)",
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
    "report.readings": (
        "Points contestés qui changent la réponse ({count}) : obligations selon une lecture, pas selon une autre"
    ),
    "readings.cited": "{reading} : {says}",
    "readings.source": "source : {source}",
    "readings.followed": " — suivie ici",
    "report.reading_reasons": "Rien dû selon l'une ni l'autre lecture, pour une autre raison",
    "col.reading": "lecture",
    "readings.why_not": "selon la lecture {reading} ({says}), pas obligé : {why}",
    "readings.none": "les règles n'ont aucun point contesté",
    "readings.gives": "obligé selon la lecture {under} ({says}), pas selon {not_under} : {articles}",
    "col.under": "selon la lecture",
    "col.not_under": "pas selon",
    "readings.unknown": "aucun point contesté n'a de lecture {reading!r} (connues : {known})",
    "readings.clash": "{first!r} et {second!r} sont deux lectures d'un même point ({point}) : choisissez-en une",
    "readings.too_many": "{count} combinaisons de lectures dans un fichier ; au plus {most}",
    "readings.choice_shape": "by_reading: doit être la seule clé ici, une table de chaque lecture vers sa valeur",
    "readings.choice_cover": (
        "by_reading: donnez une valeur pour chaque lecture de {point} et aucune autre ({readings})"
    ),
    "model.reading_default": "la lecture par défaut {reading!r} n'est pas une des lectures de ce point",
    "model.reading_twice": "la lecture {reading!r} est nommée deux fois",
    "model.words_reading": "aucune lecture {reading!r} parmi les points contestés de ce traité",
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
    "graph.group#one": "{count} partie ({treaty})",
    "graph.group#other": "{count} parties ({treaty})",
    "graph.line.defense": "défense",
    "graph.line.consultation": "consultation",
    "graph.line.non_aggression": "non-agression",
    "graph.line.attack": "attaque",
    "graph.line.bound": "lien conventionnel d'un État lié aux deux camps avec l'agresseur",
    "graph.style.defense": "trait épais",
    "graph.style.consultation": "pointillés",
    "graph.style.non_aggression": "gris",
    "graph.style.attack": "rouge",
    "graph.style.bound": "tirets orange",
    "graph.legend": "Flèches : qui doit quoi à qui (traité, article) ; {lines}.",
    "graph.style_line": "{style} : {line}",
    "report.map": "Carte",
    "report.notes_english": "Notes (en anglais)",
    "map.title": "{victim} attaqué le {date} : qui doit réagir",
    "map.title_by": "{victim} attaqué par {attackers} le {date} : qui doit réagir",
    "map.attacked": "État attaqué",
    "map.attacker": "Agresseur",
    "map.kind.defense": "Doit prêter assistance",
    "map.kind.offense": "Doit se joindre à l'offensive",
    "map.kind.consultation": "Doit se concerter",
    "map.kind.neutrality": "Doit rester neutre",
    "map.kind.non_aggression": "Doit s'abstenir de la force",
    "map.both": "Lié aux deux camps",
    "map.undetermined": "Indéterminé",
    "map.states#one": "{count} État",
    "map.states#other": "{count} États",
    "map.credit": "Natural Earth (domaine public) · projection Equal Earth",
    "map.former": "{states} : frontières actuelles",
    "graph.empty": "Aucune obligation ne naît : rien à dessiner.",
    "timeline.head#one": "{state}, du {start} au {end} : {count} période entre les jours où les règles changent",
    "timeline.head#other": "{state}, du {start} au {end} : {count} périodes entre les jours où les règles changent",
    "timeline.asked": (
        "Question posée pour chacune : {state} attaqué sur son territoire ({events}) par {attacker}, et "
        "demandant l'aide de tous les traités et de tous les États"
    ),
    "timeline.bystander": "un État lié par aucun traité ce jour-là",
    "timeline.owed_to": "Dû à {state}",
    "timeline.owes": "Ce que doit {state}",
    "timeline.some": "{title} ({count}) :",
    "timeline.none": "{title} : rien",
    "timeline.col.state": "État",
    "timeline.col.treaty": "traité",
    "timeline.col.articles": "articles",
    "timeline.col.kinds": "obligations",
    "timeline.col.events": "événements",
    "timeline.col.from": "du",
    "timeline.col.until": "au",
    "timeline.end": "{date} (fin)",
    "timeline.tip": "{label} : {kinds}, du {start} au {until}",
    "timeline.nothing": "rien dans cette période",
    "timeline.title": "{state} : ce qui lui est dû, et ce qu'il doit, du {start} au {end}",
    "timeline.strong": "défense (plein)",
    "timeline.light": "consultation, non-agression, neutralité (clair)",
    "diff.col.state": "État",
    "diff.col.treaty": "traité",
    "diff.col.article": "article",
    "diff.col.kind": "nature",
    "diff.col.means": "moyens",
    "diff.col.toward": "envers",
    "diff.col.event": "événement",
    "diff.col.clause": "clause",
    "diff.col.was": "avant",
    "diff.col.now": "après",
    "diff.col.owes": "doit à",
    "diff.col.bound_to": "lié à",
    "diff.gained": "Obligations nouvelles",
    "diff.lost": "Obligations perdues",
    "diff.changed": "Obligations modifiées",
    "diff.some": "{title} ({count}) :",
    "diff.none": "{title} : aucune",
    "diff.conflicts_gained": "Conflits nouveaux ({count}) : États liés aux deux camps",
    "diff.conflicts_lost": "Conflits disparus ({count}) : États liés aux deux camps",
    "diff.kept": "Inchangées : {count}",
    "diff.status.gained": "nouvelle",
    "diff.status.lost": "perdue",
    "diff.status.changed": "modifiée",
    "diff.status.kept": "inchangée",
    "diff.without": "{file} sans ses hypothèses",
    "diff.with": "{file} avec ses hypothèses",
    "diff.under": "{file} selon {rules}",
    "diff.bundled": "les règles fournies",
    "treaties.head#one": "Traités en vigueur le {date} ({count}) :",
    "treaties.head#other": "Traités en vigueur le {date} ({count}) :",
    "treaties.none": "Aucun traité en vigueur le {date}.",
    "treaties.since#one": "en vigueur depuis le {date} ; {count} partie",
    "treaties.since#other": "en vigueur depuis le {date} ; {count} parties",
    "treaties.standing": "{state} ({status} depuis le {since} : {duties}, {protection})",
    "treaties.bound": "tenu",
    "treaties.not_bound": "non tenu",
    "treaties.protected": "protégé",
    "treaties.not_protected": "non protégé",
    "treaties.may_have_left": (
        "{party} (peut-être déjà sorti : son préavis prend effet un jour compris entre le {earliest} et le {latest})"
    ),
    "research.note": "pact : note : {note}",
    "research.provenance": "pact : provenance écrite dans {path}",
    "research.rows": "{rows} lignes écrites dans {out}",
    "research.scenarios": "{done} scénarios, {rows} lignes écrites dans {out}",
    "import.done": (
        "{treaties} traités et {geographies} fichiers de géographie écrits dans {out} en {seconds} s "
        "({files} fichiers) ; {adjusted} ajustements du codage de l'ATOP, chacun dans les notes de son "
        "traité"
    ),
    # explications
    "explain.title": "{state} au titre du traité {treaty}, événement {event} (attaque contre {toward}) : {verdict}",
    "certainty.official_summary": "texte connu seulement par un résumé officiel",
    "certainty.press_report": "texte non publié : tel que la presse le rapporte",
    "explain.certainty": "{heading} ({certainty})",
    "explain.obligated": "tenu d'agir",
    "explain.not_obligated": "non tenu",
    "explain.binds": "{article} ({clause}) oblige {state}",
    "explain.does_not_bind": "{article} ({clause}) n'oblige pas {state}",
    "explain.trigger": "la clause s'applique-t-elle à l'événement ?",
    "explain.bearer": "oblige-t-elle {state} ?",
    "explain.decisive": "décisif",
    "explain.nothing": "Ces événements ne concernent aucun traité de ces règles.",
    "explain.too_large": "le scénario '{scenario}' demande {clauses} explications de clauses "
    "({items} États, traités et événements)"
    " ; pact en montre au plus {limit} à la fois : restreignez avec --state, --treaty ou --event",
    "explain.none": (
        "Aucun traité concerné par ces événements ne peut obliger {state} ; "
        "nommez-en un avec --treaty pour savoir pourquoi."
    ),
    # versions, territoire, constatations, conditions nommées, faits inconnus
    "version.held": "la clause s'appliquait dans la rédaction de {instrument} (depuis le {from})",
    "version.not_yet": (
        "la clause dans la rédaction de {instrument} ne s'appliquait qu'à partir du {from}, après le {date}"
    ),
    "version.ended": "la clause dans la rédaction de {instrument} ne s'appliquait plus le {date} (jusqu'au {until})",
    "against.unknown": "on ne sait pas ce que l'attaque contre {victim} a visé (la clause couvre : {covered})",
    "attacker.held_party": "l'agresseur {parties} est partie à {treaty}",
    "attacker.no_party": "aucun agresseur ({attackers}) n'est partie à {treaty} en règle",
    "attacker.unknown": "on ne sait pas qui est l'agresseur (la clause couvre {covers})",
    "attacker_among.unknown": "on ne sait pas qui est l'agresseur (la clause nomme {named})",
    "location.unknown": "on ne sait pas où l'événement a eu lieu (zone de la clause : {areas})",
    "on_victim_territory.held": "l'attaque a eu lieu sur le territoire même de {victim} ({place})",
    "on_victim_territory.failed": (
        "{place} n'était pas le territoire de {victim} le {date} (c'était celui de {sovereign})"
    ),
    "on_victim_territory.not_territory": "l'événement n'a pas visé le territoire",
    "on_victim_territory.unknown": "on ne sait pas si l'attaque a eu lieu sur le territoire même de {victim}",
    "requested.held_by_party": "une partie a demandé à {treaty} d'agir ({asked})",
    "requested.failed_by_party": "aucune partie n'a demandé à {treaty} d'agir (demandes faites : {asked})",
    "requested.unknown": "on ne sait pas si l'assistance de {treaty} a été demandée",
    "determination.held": "l'organe compétent de {treaty} a constaté : {made}",
    "determination.failed": "l'organe compétent de {treaty} n'a fait aucun constat ({findings}) sur l'événement",
    "condition.held": "le scénario établit que la condition « {condition} » est remplie",
    "condition.failed": "le scénario établit que la condition « {condition} » n'est pas remplie",
    "condition.unknown": (
        "personne n'a établi si la condition « {condition} » est remplie (les règles ne peuvent pas la vérifier)"
    ),
    "settled": "{test} ; tranché par le constat de l'organe compétent de {treaty} ({findings})",
    "among_attackers.unknown": "on ne sait pas si {state} figure parmi les agresseurs",
    "requested_bearer.unknown": "on ne sait pas si l'assistance de {state} (ou de {treaty}) a été demandée",
    "conflict.neutral": "{state} doit la neutralité envers {against} au titre de {treaty} {article}",
}

ERRORS: dict[str, str] = {
    # le cadre d'une ligne d'erreur
    "error.no_file": "<entrée>",
    "error.did_you_mean": " (vouliez-vous dire {suggestion} ?)",
    "error.more": "… et {count} autres",
    "and": "{first} et {last}",
    "or": "{first} ou {last}",
    # constats statiques d'un ensemble de règles (pact.validate.static) : intitulés par code, puis détails
    "code.PACT101": "l'adhésion prend fin avant d'avoir commencé",
    "code.PACT102": "des périodes d'adhésion d'un même État se chevauchent",
    "code.PACT103": "une période de statut prend fin avant d'avoir commencé",
    "code.PACT104": "entrée en vigueur antérieure à la signature",
    "code.PACT105": "le traité prend fin avant son entrée en vigueur",
    "code.PACT106": "une partie n'est pas un État pendant toute la durée de son adhésion",
    "code.PACT107": "une partie adhère avant la signature du traité",
    "code.PACT111": "identifiant en double",
    "code.PACT112": "des périodes d'un même territoire se chevauchent",
    "code.PACT121": "région inconnue",
    "code.PACT122": "zone inconnue",
    "code.PACT123": "des régions s'incluent mutuellement en boucle",
    "code.PACT124": "la région ne contient rien",
    "code.PACT125": "une règle de région cite un traité inconnu",
    "code.PACT126": "une clause protège les membres d'un traité inconnu",
    "code.PACT127": "une clause nomme les membres ou les organes d'un traité inconnu",
    "code.PACT128": "une obligation attend la décision d'un organe que son instrument ne nomme pas",
    "code.PACT131": "une suspension vise un État non partie",
    "code.PACT132": "un État désigné comme tenu n'est pas partie",
    "code.PACT133": "un État désigné comme tenu peut être la victime",
    "code.PACT151": "des mots manquent dans une langue",
    "code.PACT141": "la clause ne peut jamais lier aucun État",
    "code.PACT142": "des versions d'une même clause se chevauchent",
    "check.untranslated": "pas de {fields} en {language} (un lecteur de cette langue lit les mots anglais)",
    "check.finding": "{title} : {detail}",
    "check.name": "{name!r}",
    "check.twice_line": "{name!r} est défini deux fois (aussi à la ligne {line})",
    "check.twice_file": "{name!r} est défini deux fois (aussi dans {file}:{line})",
    "check.also_line": "{name} (aussi à la ligne {line})",
    "check.also_file": "{name} (aussi dans {file}:{line})",
    "check.empty_region": "{name!r} n'inclut aucun lieu ni aucune région",
    "check.cycle": "{cycle}",
    "check.in_force_signed": "entrée en vigueur le {in_force}, signature le {signed}",
    "check.terminated_in_force": "fin le {terminated}, entrée en vigueur le {in_force}",
    "check.not_party": "{state} n'est pas partie au traité {treaty}",
    "check.bearer_victim": (
        "{state} est aussi une partie que la clause protège, et pact ne lie jamais une victime envers elle-même"
    ),
    "check.clause": "{clause} : {why}",
    "check.versions": (
        "{clause} : une version applicable à partir du {later} commence avant la fin de celle du {earlier}"
    ),
    "check.left_joined": "{state} s'est retiré le {left}, a adhéré le {joined}",
    "check.status_period": "{state} {status} jusqu'au {until}, à partir du {start}",
    "check.joined_signed": "{state} a adhéré le {joined}, signature le {signed}",
    "check.overlap": "{state} en parties[{i}] et parties[{j}]",
    "check.joined_before_state": "{state} a adhéré le {joined} ; or il a été un État {period}",
    "check.stays_after_state": "{state} {stays} ; or il a été un État {period}",
    "check.gap": "{state} n'était pas un État entre le {start} et le {end} (sous {part_of})",
    "check.left": "s'est retiré le {left}",
    "check.stayed": "est resté partie jusqu'à la fin du traité, le {ended}",
    "check.never_left": "ne s'est jamais retiré",
    "check.attacking_but_non_party": (
        "elle lie les parties agresseurs mais ne s'applique que si aucun agresseur n'est partie"
    ),
    "check.no_listed_bearer": (
        "aucun des États qu'elle désigne comme tenus n'est partie tant que le traité est en vigueur"
    ),
    "check.never_together": (
        "deux parties ne sont jamais membres en même temps : aucune autre partie ne peut donc rien devoir à la victime"
    ),
    # qualité d'État (pact.core.states)
    "state.not_yet": "{state} n'était pas un État le {date} : il l'est devenu le {start}",
    "state.not_yet_under": (
        "{state} n'était pas un État le {date} : il l'est devenu le {start} ; auparavant, il relevait de {owners}"
    ),
    "state.no_longer": "{state} n'était pas un État le {date} : il l'a été {period}",
    "state.no_longer_succeeded": (
        "{state} n'était pas un État le {date} : il l'a été {period} (États successeurs : {successors})"
    ),
    "state.interrupted": (
        "{state} n'était pas un État le {date} : entre le {start} et le {end}, il relevait de {part_of}"
    ),
    "state.from": "à partir du {start}",
    "state.from_before_1816": "dès avant 1816",
    "state.ceased": "{since} jusqu'à sa disparition le {end}",
    "state.territory_of": "{state} est un territoire de {sovereign}, non un État",
    "state.iso_territory": "{state} n'est pas un État : l'ISO 3166-1 le code comme un territoire (docs/states.md)",
    # lecture du YAML (pact.load.loader)
    "file.not_utf8": "le texte n'est pas en UTF-8 : l'octet {byte} ne peut pas être décodé",
    "yaml.bad_character": "YAML mal formé : le caractère {character} n'est pas autorisé",
    "yaml.malformed": "YAML mal formé : {problem}",
    "yaml.too_deep": "le YAML est imbriqué trop profondément (pact admet {levels} niveaux)",
    "yaml.tag": "la balise YAML {tag!r} n'est pas autorisée",
    "yaml.key_not_text": "une clé doit être du texte, non {what}",
    "yaml.key_type": "la clé {key} doit être du texte",
    "yaml.key_twice": "la clé {key!r} apparaît deux fois",
    "yaml.not_number": "YAML mal formé : {text!r} ne peut pas être lu comme un nombre",
    # valeurs trouvées dans un fichier, et ce qui était attendu à leur place
    "value.text_type": "du texte",
    "value.list": "une liste",
    "value.keys_to_values": "une table de clés et de valeurs",
    "value.mapping": "une table",
    "value.empty": "une valeur vide",
    "value.text": "le texte {value!r}",
    "value.number": "le nombre {value}",
    "value.other": "{value}",
    # validation d'un fichier (erreurs de pydantic, par type, et validateurs de pact)
    "input.expected": "il faut {expected}, non {value}",
    "input.expected_top": "il faut {expected} au début du fichier, non {value}",
    "input.empty_file": "le fichier est vide",
    "input.second_change": (
        "{key!r} est une deuxième modification dans le même élément : "
        "écrivez chaque modification comme un élément distinct"
    ),
    "input.unknown_key": "clé inconnue {key!r}",
    "input.missing": "champ obligatoire manquant",
    "input.unknown_value": "valeur inconnue {value}",
    "input.unknown_value_expected": "valeur inconnue {value} ; valeurs attendues : {expected}",
    "input.assumption_kind": "une hypothèse doit comporter l'une des clés {keys}",
    "input.too_short_one": "il faut au moins {least} élément, non {actual}",
    "input.too_short": "il faut au moins {least} éléments, non {actual}",
    "input.too_long": "compte {actual} éléments ; {most} au plus sont admis",
    "input.string_too_short": "compte {actual} caractères ; il en faut au moins {least}",
    "input.string_empty": "est vide",
    "input.string_too_long": "compte {actual} caractères ; {most} au plus sont admis",
    "input.not_a_state": "{problem} ; by énumère des États : un groupe qui n'est pas un État va dans by_non_state",
    "input.unknown_area": "zone inconnue {area!r}",
    "input.unknown_treaty": "traité inconnu {treaty!r}",
    "id.hyphenated": (
        "un identifiant est ici fait de lettres minuscules et de chiffres, en mots reliés par un seul trait d'union "
        "(nato-art6)"
    ),
    "id.name": (
        "un identifiant est ici fait de 1 à 64 lettres, chiffres, '_', '.' et '-', "
        "et commence par une lettre ou un chiffre"
    ),
    "id.invalid": "{value!r} n'est pas un identifiant valide : {form}",
    "id.invalid_character": "{value!r} n'est pas un identifiant valide : {character} n'est pas admis ; {form}",
    "id.space": "l'espace",
    "pydantic.int_parsing": "un nombre entier est attendu : ce texte ne peut pas être lu comme un entier",
    "pydantic.int_type": "un nombre entier est attendu",
    "pydantic.int_from_float": "un nombre entier est attendu, non un nombre à virgule",
    "pydantic.float_parsing": "un nombre est attendu : ce texte ne peut pas être lu comme un nombre",
    "pydantic.float_type": "un nombre est attendu",
    "pydantic.bool_parsing": "true ou false est attendu : cette valeur ne peut pas être interprétée",
    "pydantic.bool_type": "true ou false est attendu",
    "pydantic.greater_than_equal": "la valeur doit être supérieure ou égale à {ge}",
    "pydantic.less_than_equal": "la valeur doit être inférieure ou égale à {le}",
    "iso.unknown_alpha3": "code ISO 3166-1 alpha-3 inconnu {code!r}",
    "iso.unknown_alpha3_odd": "code ISO 3166-1 alpha-3 inconnu {code!r}, qui contient {odd}",
    "iso.unknown_subdivision": "code de subdivision ISO 3166-2 inconnu {code!r}",
    "iso.not_a_place": (
        "{code!r} n'est ni un code ISO ni une zone nommée : un lieu est un code ISO 3166-1 alpha-3 (NER), "
        "un code de subdivision ISO 3166-2 (US-HI) ou l'identifiant en minuscules d'une zone définie par un fichier "
        "de géographie (mediterranean-sea)"
    ),
    "date.not_a_date": "{value} n'est pas une date : écrivez-la sous la forme AAAA-MM-JJ",
    "date.not_real": "{value} n'est pas une date qui existe : {reason}",
    "date.day_out_of_range": "ce jour n'existe pas dans ce mois",
    "date.month_out_of_range": "le mois doit être compris entre 1 et 12",
    "period.not_a_period": "{value} n'est pas une durée : écrire années, mois et jours ainsi : P2Y, P6M, P1Y6M, P90D",
    "model.notice_without_period": (
        "le préavis n'indique aucun délai (effect: P1Y …) et le traité n'a pas de notice_period"
    ),
    "model.notice_left_differs": "left vaut {left}, mais le préavis prend effet le {effect}",
    "model.notice_window_two_days": (
        "il faut deux jours, le premier et le dernier où le préavis a pu parvenir (il y en a {count})"
    ),
    "model.notice_window_inverted": "la période de réception du préavis finit ({last}) avant de commencer ({first})",
    "model.period_ends_before": "la période prend fin ({until}) avant d'avoir commencé ({start})",
    "model.version_ends_before": "la version prend fin ({until}) avant d'avoir commencé ({start})",
    "model.determination_empty": (
        "une constatation doit être requise, ou trancher certains critères (settles: [attacker, ...])"
    ),
    "model.scope_empty": "un champ d'application exige des régions, victim_territory: true, ou les deux",
    "model.boundary_corners": "une limite exige au moins 3 sommets",
    "model.latitude": "la latitude {lat} n'est pas comprise entre -90 et 90",
    "model.zone_empty": "une zone exige une limite (boundary), north_of ou south_of",
    "model.request_empty": "une demande désigne soit un traité, soit un État auquel elle a été adressée",
    "model.listed_twice": "{value} figure deux fois",
    "model.attacks_itself": "{state} ne peut pas s'attaquer lui-même",
    "model.only_true": "seule la valeur true a un sens ici : sinon, omettez l'hypothèse",
    "model.words_clause": "aucune clause {clause!r} dans ce traité",
    "model.body_unnamed": "aucun organe {body!r} dans les words.bodies de ce traité",
    "model.words_version": "la clause {clause!r} n'a pas de version à partir du {date}",
    "model.words_place": "aucune zone ni région {place!r} dans ce fichier",
    "model.event_id_twice": "l'identifiant d'événement {event!r} est utilisé deux fois",
    # fichiers et répertoires de règles
    "rules.none": (
        "aucune règle : sans la bibliothèque fournie (--no-bundled), indiquez au moins un répertoire de règles"
    ),
    "rules.geography_only": "aucun traité dans ces règles : leurs fichiers sont tous des fichiers de géographie",
    "rules.no_files": "aucun fichier de règles *.yaml ou *.yml dans ce répertoire",
    "rules.none_read": "aucun fichier de règles de ce répertoire n'a pu être lu",
    "rules.not_a_rule_file": (
        "ce n'est pas un fichier de règles : une clé 'treaty:' ou 'geography:' est attendue au premier niveau"
    ),
    # un scénario confronté aux règles
    "scenario.territory_target": "{target} {whose} : indiquez target: {sovereign} et location: {target}",
    "scenario.is_territory_of": "est un territoire de {sovereign}",
    "scenario.was_territory_of": "était un territoire de {sovereign} le {date}",
    "scenario.not_treaty_nor_state": "{name!r} n'est ni un identifiant de traité ni un code d'État",
    "scenario.no_event": "aucun événement {event!r} dans ce scénario",
    "scenario.unknown_condition": "aucune clause de ces règles ne mentionne la condition {condition!r}",
    "assume.ended": "le traité {treaty} ne s'applique plus à partir du {date}",
    "assume.party_since": "{state} est déjà partie au traité {treaty} depuis le {joined}",
    "assume.party_until": "{state} est déjà partie au traité {treaty} du {joined} au {left}",
    "assume.joins_only": "{state} n'adhère au traité {treaty} que le {date}",
    "assume.no_exit": "aucun retrait de {state} du traité {treaty} n'est enregistré qui puisse être annulé",
    "assume.toward_itself": "{state} ne peut pas suspendre ses obligations envers lui-même",
    "assume.ends_before": "la suspension prend fin ({until}) avant d'avoir commencé ({start})",
    "assume.no_suspension": (
        "aucune suspension par {state} envers {toward} au titre du traité {treaty} n'est enregistrée"
    ),
    "assume.suspension_ended": "la suspension par {state} envers {toward} avait déjà pris fin le {date}",
    "assume.applies_only": "le traité {treaty} ne s'applique qu'à partir du {date}",
    "assume.signed_only": "le traité {treaty} n'a été signé que le {date}",
    "assume.no_clause": "le traité {treaty} ne comporte pas de clause {clause!r}",
    "assume.unknown_region": "région inconnue {region!r}",
    "assume.already_included": "{place} est déjà inclus dans {region}",
    "assume.already_excluded": "{place} est déjà exclu de {region}",
    # fichiers (pact.load.files)
    "file.too_big": "le fichier dépasse {limit} octets ; pact lit au plus {limit} octets",
    "file.size": "le fichier fait {size} octets ; pact lit au plus {limit} octets",
    "file.not_regular": "est {kind}, non un fichier ordinaire",
    "file.directory": "un répertoire",
    "file.fifo": "un tube nommé",
    "file.character_device": "un périphérique en mode caractère",
    "file.block_device": "un périphérique en mode bloc",
    "file.socket": "une socket",
    "file.irregular": "autre chose qu'un fichier ordinaire",
    "file.unreadable": "impossible de lire le fichier : {why}",
    "file.unreadable_directory": "impossible de lire le répertoire : {why}",
    "csv.rows": "compte plus de {limit} lignes ; pact en lit au plus {limit}",
    "csv.columns": "la ligne a {count} colonnes ; pact en lit au plus {limit}",
    "csv.field": "un champ dépasse {limit} caractères ; pact en lit au plus {limit}",
    "csv.malformed": "ce n'est pas un fichier CSV : {why}",
    "dataset.no_value": "aucune valeur dans la colonne '{column}'",
    "dataset.not_number": "{value} n'est pas un nombre",
    "dataset.not_whole": "{value} n'est pas un nombre entier",
    "dataset.not_flag": "{value} n'est ni 0 ni 1",
    "dataset.no_date": "aucune date utilisable ({date})",
    "dataset.not_real_date": "{date} n'est pas une date réelle",
    "dataset.not_atop": "la colonne '{column}' manque (est-ce bien un fichier d'ATOP ?)",
    "dataset.no_members": "aucune ligne : ce n'est pas le fichier des membres d'ATOP",
    "dataset.no_alliances": "aucune ligne : ce n'est pas le fichier des alliances d'ATOP",
    "dataset.twice": "l'atopid {atopid} figure deux fois",
    "dataset.no_alliance": "l'alliance {atopid} ne figure pas dans {file}",
    "dataset.no_member": "l'alliance {atopid} n'a aucun membre dans {file}",
    "dataset.not_selected": "aucune alliance {atopid} dans le fichier des alliances",
    "file.no_yaml": "aucun fichier *.yaml ou *.yml dans ce répertoire",
    "file.no_rules_directory": "répertoire de règles introuvable",
    "file.rules_not_directory": "ce n'est pas un répertoire (--rules désigne un répertoire de fichiers de règles)",
    "os.ENOENT": "aucun fichier ou répertoire de ce nom",
    "os.EACCES": "permission refusée",
    "os.ENOTDIR": "ce n'est pas un répertoire",
    "os.EISDIR": "c'est un répertoire",
    "os.ELOOP": "trop de niveaux de liens symboliques",
    "os.ENAMETOOLONG": "nom de fichier trop long",
    "os.EPERM": "opération non permise",
    "os.ENOSPC": "plus de place sur le périphérique",
    "os.EDQUOT": "quota de disque dépassé",
    "os.EROFS": "système de fichiers en lecture seule",
    "os.EFBIG": "fichier trop gros",
    "os.EIO": "erreur d'entrée-sortie",
    "os.EEXIST": "le fichier existe",
    "os.EBUSY": "périphérique ou ressource occupé",
    "os.ETXTBSY": "fichier texte occupé",
    "write.failed": "impossible d'écrire : {why}",
    "write.link": "est un lien symbolique : pact n'écrit pas à travers un lien "
    "(nommez le fichier vers lequel il mène, ou supprimez le lien)",
    "write.not_regular": "est {kind} : pact n'écrit ici que des fichiers ordinaires",
    "os.other": "{reason}",
    "explain.no_treaty": "aucun traité {value!r} dans {where}",
    "explain.no_event": "aucun événement {value!r} dans {where}",
    "explain.in_rules": "les règles",
    "explain.in_scenario": "le scénario {scenario}",
}
"""Messages d'erreur : ce qui ne va pas dans une entrée, sans le cadre FICHIER:LIGNE: champ: qui le précède."""

MESSAGES.update(ERRORS)

SERVE: dict[str, str] = {
    "serve.title": "pact : qui doit réagir quand un État est attaqué",
    "serve.intro": (
        "Choisissez l'État attaqué, le jour et les agresseurs : "
        "pact répond qui doit réagir, en vertu de quel article, et pourquoi les autres n'y sont pas tenus."
    ),
    "serve.target": "État attaqué (code alpha-3)",
    "serve.date": "Date",
    "serve.by": "États agresseurs (codes alpha-3, séparés par des espaces)",
    "serve.non_state": "ou un groupe non étatique (son nom)",
    "serve.type": "Nature de l'événement",
    "serve.against": "Ce qui a été frappé",
    "serve.location": "Où (facultatif : une région comme US-HI, un État ou une zone maritime)",
    "serve.lat": "latitude",
    "serve.lon": "longitude",
    "serve.submit": "Qui doit réagir ?",
    "serve.permalink": "Lien permanent vers cette réponse",
    "serve.downloads": "Télécharger",
    "serve.download_yaml": "le scénario (YAML)",
    "serve.download_json": "le résultat (JSON)",
    "serve.download_csv": "le résultat (CSV)",
    "serve.problems": "La question ne peut pas recevoir de réponse telle quelle :",
    "serve.treaties": "Traités",
    "serve.treaties_on": "Traités en vigueur le {date} ({count})",
    "serve.treaty_title": "{treaty} : {title}",
    "serve.in_force": "En vigueur depuis le {start}",
    "serve.terminated": " ; terminé le {end}",
    "serve.source": "Source",
    "serve.parties_on": "Parties le {date} ({count})",
    "serve.not_in_force": "{treaty} n'est pas en vigueur le {date}.",
    "serve.clauses": "Clauses",
    "serve.timeline_of": "Qui doit une obligation à {state}, et envers qui {state} en a une, du {start} au {end}",
    "serve.title_col": "titre",
    "serve.status": "statut",
    "serve.since": "depuis",
    "serve.language": "English",
    "serve.too_large": "le corps de la requête dépasse {limit} octets",
    "serve.too_many_events": "un scénario ne peut avoir ici plus de {limit} événements",
    "serve.too_deep": "le JSON est imbriqué sur plus de {limit} niveaux",
    "serve.not_json": "le corps n'est pas du JSON : {reason}",
    "serve.media_type": "le corps doit être de type application/json, et non {given}",
    "serve.not_object": "le corps doit être un objet JSON (un scénario)",
    "serve.slow": "le corps de la requête n'est pas arrivé en {seconds} s",
    "serve.timeout": "l'évaluation a duré plus de {seconds} s et a été abandonnée",
    "serve.bad_date": "pas une date (AAAA-MM-JJ) : {value!r}",
    "serve.unknown_treaty": "traité inconnu : {treaty!r}",
    "serve.unknown_state": "code d'État inconnu de pact : {state!r}",
    "report.undetermined": "Indéterminées ({count}) : obligations qui dépendent de ce qu'on ignore",
    "col.deciding": "dépend de",
}
"""Les mots de l'application web (``pact serve``)."""

MESSAGES.update(SERVE)
