"""Brèves quotidiennes du Guetteur du Sud : modèles et couleur locale (contenu fictif).

Les rues sont toutes des « rue ... », les salles des noms féminins précédés de « la », les
collèges et les clubs des noms masculins, pour que les modèles accordent leurs articles.
"""

from __future__ import annotations

from datetime import date

from newsroom.stories.kits import LanguageKits, Locale, StoryKit

_MOIS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

KITS = (
    StoryKit(
        key="transport",
        headlines=(
            "{town} : la {street} fermée pendant {weeks} semaines",
            "Travaux : la {street} coupée à la circulation à partir du {later}",
        ),
        paragraphs=(
            (
                "La {street}, à {town}, sera fermée à la circulation pendant {weeks} semaines "
                "à partir du {later}, le temps de remplacer une canalisation effondrée et de "
                "refaire la chaussée, a annoncé la mairie {weekday}. Les bus seront déviés et un "
                "itinéraire de délestage sera mis en place.",
                "Les automobilistes de {town} devront s'armer de patience : la {street} sera "
                "coupée pendant {weeks} semaines à compter du {later}. Une inspection par caméra "
                "a révélé cet automne de graves dégâts sur le réseau d'assainissement, a "
                "expliqué la mairie {weekday}.",
            ),
            (
                "Sur environ {n_mid} mètres, la canalisation est si abîmée que l'eau s'infiltre "
                "sous la chaussée. Des nids-de-poule rebouchés il y a quelques semaines se sont "
                "déjà rouverts. Selon les services techniques, attendre le printemps aurait fait "
                "courir un risque d'affaissement.",
                "Selon les archives municipales, la canalisation qui passe sous la rue date de "
                "{year}. L'inspection réalisée en octobre a mis au jour des fissures et un "
                "effondrement partiel sur environ {n_mid} mètres. Attendre le printemps aurait "
                "mis en danger la chaussée, estime la mairie.",
            ),
            (
                "Les commerces de la rue resteront accessibles pendant toute la durée du "
                "chantier, et le trottoir restera ouvert d'un côté. « Tout le monde comprend "
                "qu'il faut faire ces travaux. Mais {weeks} semaines en hiver, c'est long pour un "
                "petit commerce », confie {person}, qui tient un café au coin de la rue.",
                "Les boutiques et les cafés du secteur resteront ouverts, et des panneaux "
                "préciseront que la rue n'est fermée qu'aux véhicules. « Personne n'est venu "
                "nous prévenir. Nous l'avons appris par une affiche collée sur un lampadaire », "
                "raconte {person}, qui tient un salon de coiffure au milieu de la rue.",
            ),
            (
                "Le coût du chantier est estimé à {money}, pris sur le budget d'entretien de la "
                "voirie. D'après la mairie, la rue a été rapiécée {n_small} fois en deux ans, et "
                "une réparation durable coûtera moins cher à long terme.",
                "La commune a prévu {money} pour ce chantier. Les riverains disposant d'un "
                "garage recevront une autorisation pour rejoindre leur domicile en dehors des "
                "heures de travaux, et les opérations bruyantes seront limitées de 8 heures à 18 "
                "heures en semaine.",
            ),
        ),
        follow_up_headline="{town} : la fermeture de la {street} sera plus courte que prévu",
        caption="La {street}, à {town}, où le chantier doit débuter le {later}.",
        tags=("{town}", "Travaux", "Circulation"),
    ),
    StoryKit(
        key="schools",
        headlines=(
            "Les élèves du {school} récoltent {money} pour leur CDI",
            "{town} : la collecte pour le CDI du {school} dépasse son objectif",
        ),
        paragraphs=(
            (
                "Les élèves du {school}, à {town}, ont récolté {money} pour rénover le centre de "
                "documentation de l'établissement, atteignant leur objectif plusieurs semaines "
                "avant la date prévue. L'argent provient de courses parrainées, de ventes de "
                "gâteaux et d'une soirée quiz qui a rempli la salle polyvalente {weekday}.",
                "La collecte lancée en septembre pour doter le {school}, à {town}, d'un nouveau "
                "centre de documentation a dépassé son objectif. Élèves, parents et enseignants "
                "ont réuni {money}, a annoncé la direction {weekday} lors d'un rassemblement "
                "dans la cour.",
            ),
            (
                "L'ancien CDI avait été fermé l'an dernier après la découverte d'humidité dans "
                "les murs de la salle qu'il occupait. Depuis, les livres sont rangés dans des "
                "cartons et sur des chariots dans les couloirs, et les classes les empruntent à "
                "tour de rôle pendant la pause de midi.",
                "La collecte est née d'un constat : le CDI comptait trop peu de livres pour le "
                "nombre d'élèves, et beaucoup dataient de plus de vingt ans. L'équipe s'était "
                "fixé un objectif en septembre et pensait l'atteindre à Pâques.",
            ),
            (
                "« Des élèves qui n'avaient jamais rien organisé de leur vie ont tenu des stands "
                "et rendu la monnaie. Ce CDI sera le leur, bien plus que si une subvention "
                "l'avait payé », se réjouit {person}, membre de l'équipe de direction.",
                "« Je travaille dans l'enseignement depuis longtemps et je n'avais jamais vu "
                "ça », raconte {person}, membre de l'équipe de direction. « Les classes se sont "
                "lancé des défis, des parents ont fait des gâteaux toute la nuit, et l'agent "
                "d'entretien a couru un semi-marathon déguisé en gorille. »",
            ),
            (
                "La somme servira à acheter des étagères, du mobilier et environ {n_big} "
                "nouveaux livres choisis par un comité d'élèves. Les travaux d'aménagement de "
                "deux anciennes salles de classe doivent commencer pendant les vacances de Noël, "
                "pour une ouverture au printemps.",
                "L'argent permettra d'acheter environ {n_big} livres et des fauteuils "
                "confortables, et d'aménager un petit jardin de lecture devant la nouvelle "
                "salle. Un groupe d'élèves participera au choix des titres, et plusieurs auteurs "
                "de la région ont proposé de venir à leur rencontre.",
            ),
        ),
        follow_up_headline="Le nouveau CDI du {school} ouvrira au printemps",
        caption="Des élèves du {school} avec quelques-uns des livres achetés grâce à la collecte.",
        tags=("{school}", "Collèges", "{town}"),
    ),
    StoryKit(
        key="business",
        headlines=(
            "{town} : après {n_years} ans, la {business} va fermer",
            "La {business} baissera le rideau à la fin de l'année",
        ),
        paragraphs=(
            (
                "Après {n_years} ans d'activité, la {business}, installée {street} à {town}, "
                "fermera ses portes à la fin de l'année, ont annoncé ses propriétaires "
                "{weekday}. Ils invoquent la hausse des factures d'énergie, un loyer en forte "
                "augmentation et une baisse de la fréquentation du centre-ville.",
                "Les propriétaires de la {business}, {street} à {town}, ont annoncé {weekday} "
                "qu'ils cesseraient leur activité à la fin de l'année, après {n_years} ans. Les "
                "coûts de l'énergie et du loyer ont augmenté plus vite que les prix qu'ils "
                "pouvaient pratiquer, expliquent-ils.",
            ),
            (
                "Dans un message affiché en vitrine et publié en ligne, les propriétaires "
                "remercient leur clientèle. « Nous avons tout essayé, des horaires réduits à une "
                "gamme plus restreinte, mais les chiffres ne suivent pas », écrivent-ils. Le "
                "commerce emploie {n_small} personnes, à qui une aide pour retrouver un emploi a "
                "été proposée.",
                "Les propriétaires parlent de la décision la plus difficile de leur vie "
                "professionnelle. Leur facture d'électricité a plus que doublé en trois ans, et "
                "le bailleur a réclamé un loyer plus élevé lors du renouvellement du bail cet "
                "été. Le commerce emploie {n_small} personnes.",
            ),
            (
                "Pour les habitués, la nouvelle est un coup dur. « Ce n'est pas seulement une "
                "boutique. C'est là qu'on apprend ce qui se passe en ville, et les gens qui "
                "vivent seuls y trouvent une conversation chaque matin », regrette {person}, qui "
                "y fait ses courses depuis l'enfance.",
                "Les habitués sont tristes, mais pas surpris. « On voyait la rue se vider un peu "
                "plus chaque année. Depuis le départ de la banque, plus personne ne vient en "
                "ville », constate {person} en sortant de la boutique {weekday} après-midi.",
            ),
            (
                "Selon l'association des commerçants, {percent} % des locaux commerciaux du "
                "centre-ville sont désormais vacants, une proportion inédite depuis au moins dix "
                "ans. L'association réclame une baisse de la fiscalité locale et le "
                "stationnement gratuit en semaine l'après-midi.",
                "Cette fermeture s'ajoute à une série d'autres dans la {street}, où une agence "
                "bancaire, un magasin de chaussures et un marchand de journaux ont baissé le "
                "rideau en deux ans. Les commerçants demandent à la mairie de revoir les tarifs "
                "du stationnement et d'organiser davantage de marchés.",
            ),
        ),
        follow_up_headline="{town} : la {business} a trouvé un repreneur",
        caption="La {business}, {street} à {town}.",
        tags=("{town}", "Commerce", "Centre-ville"),
    ),
    StoryKit(
        key="culture",
        headlines=(
            "La fête d'hiver de {town} revient avec {n_mid} artistes",
            "{town} : une fête d'hiver plus grande que jamais",
        ),
        paragraphs=(
            (
                "La fête d'hiver de {town} revient le {later} à {venue}, avec {n_mid} artistes, "
                "un marché d'artisans et une retraite aux flambeaux dans la vieille ville, ont "
                "annoncé les organisateurs {weekday}. La plupart des animations sont gratuites, "
                "et quelque {crowd} visiteurs sont attendus.",
                "La fête d'hiver de {town} n'a jamais été aussi ambitieuse depuis sa création en "
                "{year}. À partir du {later}, {n_mid} musiciens, danseurs et conteurs se "
                "succéderont à {venue}, ont indiqué les organisateurs {weekday}.",
            ),
            (
                "Au programme : une chorale de {n_big} choristes issus des écoles du secteur, "
                "une soirée folk avec des groupes locaux et, pour la première fois, une « silent "
                "disco » dans la grande salle. La billetterie des concerts du soir ouvrira la "
                "semaine prochaine.",
                "Parmi les temps forts de cette édition figurent un concours de fanfares, un "
                "théâtre de marionnettes pour les plus jeunes et une soirée de lectures avec des "
                "auteurs de la région. Un marché de {stalls} stands sera ouvert tout le "
                "week-end, et le cortège s'élancera à la tombée de la nuit le samedi.",
            ),
            (
                "« L'hiver peut être une période de solitude. Le temps d'un week-end, nous "
                "voulons réunir toute la ville au même endroit, à chanter faux et à manger "
                "beaucoup trop », sourit {person}, qui dirige la manifestation.",
                "« Nous avons commencé avec une poignée d'amis et une scène empruntée. "
                "Aujourd'hui, nous avons une liste d'attente d'artistes, et c'est un joli "
                "problème », sourit {person}, bénévole depuis les débuts.",
            ),
            (
                "La fête est organisée par des bénévoles et financée par la billetterie, des "
                "partenaires locaux et une subvention municipale de {money}. Les organisateurs "
                "cherchent encore des bénévoles et des familles prêtes à héberger des artistes "
                "pendant deux nuits.",
                "La manifestation coûte environ {money}, financés pour l'essentiel par la "
                "billetterie et le mécénat. Des navettes gratuites desserviront les villages "
                "alentour les deux jours, et des bénévoles sont encore recherchés pour le "
                "montage.",
            ),
        ),
        follow_up_headline="Fête d'hiver de {town} : complet, des dates supplémentaires ajoutées",
        caption="La retraite aux flambeaux de la fête d'hiver dans les rues de {town}.",
        tags=("{town}", "Festivals", "Culture"),
    ),
    StoryKit(
        key="sport",
        headlines=(
            "Rugby : le {team} s'impose {points_for} à {points_against} face au {rival}",
            "Le {team} bat le {rival} devant {crowd} spectateurs",
        ),
        paragraphs=(
            (
                "Le {team} s'est imposé {points_for} à {points_against} face au {rival} "
                "{weekday} et grimpe à la troisième place de {league}, son meilleur classement à "
                "ce stade de la saison depuis {n_small} ans. Les locaux ont pris le match à leur "
                "compte après la pause.",
                "Devant {crowd} spectateurs, le {team} a battu le {rival} {points_for} à "
                "{points_against} {weekday}. Cette victoire le propulse à la troisième place de "
                "{league} et entretient ses espoirs de montée.",
            ),
            (
                "Les visiteurs ont mieux commencé et ont inscrit le premier essai après dix "
                "minutes. Le {team} est ensuite monté en puissance et a pris l'avantage à la "
                "{minute}e minute, lorsque son capitaine, {player}, a aplati en force au pied "
                "des poteaux.",
                "La première période a été hachée, avec peu d'occasions de part et d'autre. Le "
                "match s'est ouvert après la pause, et {player}, le capitaine du {team}, a été "
                "de toutes les actions décisives des locaux.",
            ),
            (
                "« À la mi-temps, on a demandé aux joueurs de garder le ballon et d'être "
                "patients, et c'est exactement ce qu'ils ont fait », a expliqué l'entraîneur, "
                "{coach}. « La route est encore longue, mais le vestiaire y croit maintenant. »",
                "« Je suis fier de la façon dont ils se sont accrochés », a réagi l'entraîneur, "
                "{coach}. « Le {rival} est une bonne équipe qui nous a obligés à nous battre sur "
                "chaque ballon, mais nous en voulions davantage aujourd'hui. »",
            ),
            (
                "Le {team} se déplacera le week-end prochain chez le leader, puis disputera deux "
                "matchs à domicile avant la trêve. Les abonnements pour la phase retour seront "
                "en vente à partir du {later}, avec des tarifs réduits pour les moins de 16 ans.",
                "Selon le club, l'affluence a été la plus forte de la saison. Le {team} jouera à "
                "l'extérieur dès {later_weekday}, avec l'occasion de se hisser dans le wagon de "
                "tête en cas de victoire.",
            ),
        ),
        follow_up_headline="Après sa victoire face au {rival}, le {team} perd son capitaine",
        caption="Les joueurs du {team} célèbrent un essai face au {rival}.",
        tags=("{team}", "Rugby", "{town}"),
        asides=(
            "Les supporters sont restés longtemps après le coup de sifflet final pour applaudir "
            "les joueurs. « Je ne les avais pas vus jouer aussi bien depuis des années », confie "
            "{person2}, qui suit le club depuis {n_years} ans.",
            "Les espoirs du club se sont eux aussi imposés ce week-end, et plusieurs d'entre eux "
            "s'entraînent cette saison avec l'équipe première. L'entraîneur s'attend à voir au "
            "moins deux d'entre eux débuter avant la fin de l'année.",
            "Les travaux du nouvel éclairage du stade doivent s'achever le mois prochain, ce qui "
            "permettra au club de jouer en nocturne pour la première fois depuis dix ans. Le "
            "projet a coûté environ {money}, réunis en grande partie par les supporters.",
            "Seule ombre au tableau pour les locaux : un avant est sorti sur blessure au genou "
            "en seconde période et passera des examens cette semaine.",
            "Les billets pour le prochain match à domicile sont en vente au siège du club et en "
            "ligne. L'entrée est gratuite pour les moins de 16 ans accompagnés d'un adulte.",
            "L'arbitre, qui a distribué {n_small} cartons, a été applaudi par les deux camps au "
            "terme d'un match engagé mais correct.",
            "Dans la tribune, {person2}, ancien joueur du club dans les années 1980, ne cachait "
            "pas sa satisfaction : « Cette équipe a montré du caractère aujourd'hui. »",
            "L'équipe féminine du club, qui partage le stade, disputera son prochain match à "
            "domicile {later_weekday}, et le club espère la même affluence.",
        ),
    ),
    StoryKit(
        key="housing",
        headlines=(
            "{town} : {n_big} logements prévus sur le site de {site}",
            "Un promoteur dévoile un projet de {n_big} logements à {town}",
        ),
        paragraphs=(
            (
                "Un projet de {n_big} logements sur le site de {site}, à {town}, a été présenté "
                "au public {weekday}. Le promoteur s'engage à proposer {percent} % des logements "
                "à des loyers inférieurs à ceux du marché. Le site est à l'abandon depuis plus "
                "de {n_small} ans.",
                "Un promoteur a dévoilé {weekday} son projet pour le site de {site}, à {town} : "
                "{n_big} logements, un petit parc et une maison de santé. La part de logements "
                "sociaux atteindrait {percent} %, en deçà de ce que prévoit le plan local "
                "d'urbanisme.",
            ),
            (
                "Le terrain a accueilli des activités industrielles pendant une grande partie du "
                "siècle dernier et devra être dépollué avant tout chantier. Le promoteur estime "
                "le coût de la seule dépollution à {millions}, et assure que le nombre de "
                "logements est ce qui rend l'opération viable.",
                "Le site a accueilli une activité industrielle pendant plus d'un siècle, et les "
                "études ont révélé la présence d'hydrocarbures et de métaux lourds dans le sol. "
                "La dépollution coûterait {millions}, une somme que le promoteur dit ne pouvoir "
                "amortir qu'avec la densité proposée.",
            ),
            (
                "« La ville a besoin de logements, personne ne dit le contraire. Mais il y a une "
                "seule route pour entrer et une seule pour sortir. Avec {n_big} familles au "
                "bout, plus personne ne sortira de chez soi le matin », prévient {person}, qui "
                "habite une rue voisine.",
                "Lors de la présentation, les avis étaient partagés. « Mes enfants n'ont pas les "
                "moyens de vivre dans la ville où ils ont grandi, alors je suis pour », explique "
                "{person}. D'autres s'inquiètent des places à l'école, des rendez-vous chez le "
                "médecin et du stationnement dans les rues étroites du quartier.",
            ),
            (
                "Une demande de permis de construire doit être déposée au printemps. Si elle est "
                "acceptée, les premiers logements pourraient être livrés d'ici deux ans, "
                "l'ensemble du projet étant réalisé en {n_small} tranches.",
                "Le promoteur prévoit de déposer sa demande de permis de construire au début de "
                "l'année prochaine. Le conseil municipal aura le dernier mot, et le service de "
                "l'urbanisme s'est engagé à publier toutes les contributions reçues pendant la "
                "concertation.",
            ),
        ),
        follow_up_headline="Logements à {town} : la décision reportée après des recours",
        caption="Le site de {site}, à {town}, où seraient construits les logements.",
        tags=("{town}", "Logement", "Urbanisme"),
    ),
)

REACTIONS = (
    "Tout le monde n'est pas convaincu. « Je le croirai quand je le verrai terminé », lâche "
    "{person2}, qui vit à {town} depuis {n_years} ans. Des promesses de ce genre, les habitants "
    "en ont déjà entendu beaucoup.",
    "{person2}, membre du comité de quartier de {town}, salue la nouvelle mais réclame de la "
    "clarté. « Les gens veulent savoir ce que cela change pour eux, avec des mots simples, et "
    "ils veulent être consultés avant, pas après. »",
    "Sur les réseaux sociaux, les réactions sont partagées. Certains jugent la décision "
    "attendue depuis longtemps, d'autres demandent pourquoi {town} a tant tardé. Une pétition "
    "lancée par {person2} avait recueilli {n_big} signatures {weekday} soir.",
    "Pour l'association des commerçants, le calendrier ne pouvait pas être plus mal choisi. "
    "« C'est en décembre que nous gagnons l'argent qui nous fait tenir en janvier et en "
    "février », rappelle {person2}, qui siège à son bureau.",
    "L'opposition municipale compte demander que le sujet soit inscrit à l'ordre du jour du "
    "prochain conseil. Le public mérite « une véritable explication sur la manière dont cette "
    "décision a été prise », estime {person2}, élu de {town2}.",
    "Les passants interrogés par Le Guetteur se montrent plutôt favorables. « Il était temps "
    "que quelque chose se passe ici », sourit {person2}, qui promène son chien ici chaque matin.",
    "{person2}, qui anime une association à {town2}, voit dans l'annonce la preuve que la "
    "mobilisation paie. « Ici, rien n'arrive par hasard. Il a toujours fallu que quelqu'un "
    "insiste. »",
    "Certains riverains disent avoir tout appris par la presse. « Nous recevons des dépliants "
    "sur le ramassage des ordures, mais rien là-dessus », regrette {person2}, qui habite le "
    "quartier depuis l'enfance.",
)

CLOSINGS = (
    "Une réunion publique d'information se tiendra le {later} à {venue}. Ceux qui ne pourront "
    "pas s'y rendre peuvent adresser leurs remarques à la mairie jusqu'à la fin du mois.",
    "Le Guetteur du Sud a demandé à la mairie le rapport complet sur lequel repose la décision "
    "et en rendra compte dès sa publication.",
    "Davantage d'informations, dont un plan du secteur concerné, sont disponibles sur le site "
    "internet de la mairie et à l'accueil de l'hôtel de ville, ouvert du lundi au samedi.",
    "Les habitants peuvent poser leurs questions au standard de la mairie, qui promet de "
    "publier des points d'étape réguliers dans les semaines à venir.",
    "Le dossier devrait revenir devant le conseil municipal au début de l'année prochaine, "
    "lorsque le financement sera définitivement arrêté.",
    "D'autres informations suivront « dès que nous les aurons, et pas un jour plus tard », "
    "assure {person3}, porte-parole des organisateurs.",
    "Une synthèse du projet sera distribuée dans toutes les boîtes aux lettres du secteur "
    "concerné avant le début des travaux, indique la mairie.",
    "Les documents sont consultables à {venue} aux heures d'ouverture. Le Guetteur du Sud "
    "continuera de suivre le dossier.",
)

UPDATE_NOTES = (
    "Mise à jour le {date} : cet article a été complété par une réaction de la mairie, qui dit "
    "avoir pris connaissance des inquiétudes exprimées et promet d'y répondre en détail.",
    "Rectificatif du {date} : une version précédente de cet article comportait un chiffre "
    "erroné dans le troisième paragraphe. Des précisions obtenues après publication ont "
    "également été ajoutées.",
    "Mise à jour le {date} : {person3} a indiqué {weekday} au Guetteur qu'une réunion "
    "consacrée à ce dossier était prévue le {later}.",
    "Rectificatif du {date} : une version précédente indiquait une date erronée pour la "
    "prochaine réunion, qui aura lieu le {later_weekday} {later}.",
)


def _date_fr(day: date) -> str:
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {_MOIS[day.month - 1]}"


def _group(number: int) -> str:
    return f"{number:,}".replace(",", " ")


GUETTEUR = Locale(
    outlet="le-guetteur",
    language=LanguageKits(
        kits=KITS,
        reactions=REACTIONS,
        closings=CLOSINGS,
        update_notes=UPDATE_NOTES,
        weekdays=_JOURS,
        date_text=_date_fr,
    ),
    authors=(
        "Camille Roussel",
        "Julien Fabre",
        "Mathieu Arnaud",
        "Élodie Vidal",
        "Nadia Belkacem",
        "Pierre Castan",
    ),
    credit="{author} / Le Guetteur du Sud",
    sections={
        "transport": "Transports",
        "schools": "Éducation",
        "business": "Économie",
        "culture": "Culture",
        "sport": "Sports",
        "housing": "Société",
    },
    towns=(
        "Valmirande",
        "Castelroux",
        "Saint-Jory-des-Vignes",
        "Montcalvel",
        "Lavergne-sur-Vernazou",
        "Saint-Aulin",
    ),
    streets=(
        "rue des Tanneurs",
        "rue Paul-Bert",
        "rue de la République",
        "rue du Marché",
        "rue des Remparts",
        "rue Victor-Hugo",
    ),
    venues=(
        "la salle des fêtes",
        "la halle aux grains",
        "la médiathèque Jean-Jaurès",
        "la maison des associations",
        "la chapelle des Pénitents",
    ),
    schools=(
        "collège Jean-Moulin",
        "collège des Garrigues",
        "collège Marie-Curie",
        "collège du Vernazou",
        "collège Olympe-de-Gouges",
    ),
    teams=(
        "RC Valmirande",
        "Stade castelrousain",
        "SC Saint-Jory",
        "FC Montcalvel",
        "RO Lavergne",
    ),
    sites=(
        "l'ancienne tannerie",
        "l'ancienne caserne Lapérouse",
        "l'ancienne gare de marchandises",
        "l'ancienne distillerie",
    ),
    businesses=(
        "boulangerie Pagès",
        "quincaillerie Roucayrol",
        "librairie Le Chat qui lit",
        "boucherie Cabrol",
        "mercerie Delmas",
        "droguerie Escande",
    ),
    players=(
        "Mathis Bousquet",
        "Romain Carrère",
        "Thibault Lafon",
        "Yanis Ferrand",
        "Kévin Soulié",
        "Nicolas Gasc",
    ),
    people=(
        "Sylvie Marty",
        "Jean-Pierre Bonnafous",
        "Chantal Teisseire",
        "Karim Benali",
        "Florence Aubert",
        "Didier Rouquette",
        "Laure Vidalenc",
        "Olivier Calmettes",
    ),
    words={"league": "la Régionale 1"},
    money=lambda amount: f"{_group(amount)} euros",
    millions=lambda amount: f"{amount:.1f} millions d'euros".replace(".", ","),
    count=_group,
)
