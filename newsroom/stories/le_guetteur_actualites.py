"""Le Guetteur du Sud, actualités : la métropole fictive de Valmirande et son arrière-pays."""

from __future__ import annotations

from newsroom.records import DemoArticle
from newsroom.stories.build import guetteur

PIETONNISATION = guetteur(
    slug="le-conseil-municipal-vote-la-pietonnisation-du-coeur-de-ville",
    section="Politique",
    when=(16, 21, 30),
    headline="Le conseil municipal vote la piétonnisation du cœur de ville",
    authors=("Julien Fabre", "Nadia Belkacem"),
    tags=("Conseil municipal", "Centre-ville", "Mobilités"),
    caption="La rue des Teinturiers, l'une des vingt rues concernées par le projet.",
    credit="Julien Fabre / Le Guetteur du Sud",
    body="""
        Le conseil municipal de Valmirande a adopté lundi soir le projet de piétonnisation
        du centre historique, au terme d'un débat de près de quatre heures. Le texte a été
        voté par 38 voix contre 15, l'opposition ayant voté contre en bloc.

        À partir du printemps, la circulation automobile sera interdite dans une vingtaine
        de rues autour de la place des Halles. Seuls les riverains, les livraisons le matin
        et les véhicules de secours pourront y accéder, grâce à des bornes escamotables.

        Pour le maire, Philippe Ducros, il s'agit de « rendre le centre à ceux qui y vivent
        et à ceux qui le font vivre ». Il a cité l'exemple d'autres villes moyennes où le
        commerce de proximité a, selon lui, profité de la réduction du trafic.

        Les commerçants restent partagés. L'association des commerçants du centre redoute
        une baisse de fréquentation, en particulier chez les clients venant des communes
        voisines. « On nous promet des navettes et des parkings relais, mais on ne les verra
        pas avant deux ans », regrette sa présidente, Sandrine Maurel.

        L'opposition dénonce une décision « précipitée » et réclame une consultation des
        habitants. Son chef de file, Gérard Boyer, estime que les quartiers périphériques
        vont subir un report de circulation que personne n'a mesuré.

        La municipalité prévoit une phase de test de six mois, pendant laquelle des comptages
        seront réalisés dans les rues voisines. Deux parkings relais de 400 places chacun
        doivent ouvrir à l'entrée nord et à l'entrée ouest de la ville.

        Une réunion publique consacrée aux modalités d'accès des riverains se tiendra le 3
        décembre à la salle des fêtes.
    """,
)

PLAN_BLANC = guetteur(
    slug="urgences-saturees-l-hopital-de-valmirande-declenche-son-plan-blanc",
    section="Santé",
    when=(18, 9, 15),
    headline="Urgences saturées : l'hôpital de Valmirande déclenche son plan blanc",
    authors=("Élodie Vidal",),
    tags=("Hôpital", "Urgences", "Santé"),
    caption="L'entrée des urgences du centre hospitalier de Valmirande, mardi soir.",
    credit="Élodie Vidal / Le Guetteur du Sud",
    body="""
        Le centre hospitalier de Valmirande a déclenché mardi son plan blanc, face à
        l'afflux de patients aux urgences et au manque de lits disponibles. Ce dispositif
        permet de rappeler du personnel en congé et de déprogrammer certaines opérations non
        urgentes.

        Lundi, jusqu'à 37 patients ont attendu sur des brancards dans les couloirs des
        urgences, certains pendant plus de vingt heures, selon les syndicats. L'épidémie de
        bronchiolite, précoce cette année, et les premiers cas de grippe expliquent en partie
        cette affluence.

        « Le problème, ce n'est pas seulement le nombre de patients qui arrivent, c'est que
        nous ne trouvons pas de lits pour ceux qui doivent être hospitalisés », explique le
        docteur Anne Ferrer, cheffe du service des urgences. Une trentaine de lits sont
        fermés faute de personnel depuis l'été.

        La direction de l'hôpital a annoncé l'ouverture temporaire de douze lits
        supplémentaires en médecine interne et demande aux cliniques privées de la métropole
        de prendre en charge une partie des patients.

        Les syndicats dénoncent une situation « prévisible » et réclament des recrutements
        durables. « Chaque hiver, on nous parle de crise. Ce n'est plus une crise, c'est
        notre quotidien », estime Sylvie Roca, infirmière et représentante syndicale.

        L'agence régionale de santé appelle la population à ne se rendre aux urgences qu'en
        cas de réelle nécessité et à contacter au préalable le 15 ou son médecin traitant.
        Une maison médicale de garde est ouverte le soir et le week-end à proximité de
        l'hôpital.
    """,
)

INCENDIE_ENTREPOT = guetteur(
    slug="un-entrepot-ravage-par-un-incendie-zone-de-la-garrigue",
    section="Faits divers",
    when=(19, 6, 50),
    headline="Un entrepôt ravagé par un incendie dans la zone d'activités de la Garrigue",
    authors=("Julien Fabre",),
    tags=("Incendie", "Pompiers", "Zone de la Garrigue"),
    caption="Les pompiers ont lutté toute la nuit contre les flammes.",
    credit="SDIS / Le Guetteur du Sud",
    body="""
        Un violent incendie a détruit dans la nuit de mercredi à jeudi un entrepôt de 3 000
        mètres carrés dans la zone d'activités de la Garrigue, au nord de Valmirande. Il n'y
        a pas eu de blessé, mais le bâtiment est entièrement détruit.

        L'alerte a été donnée vers 1 h 30 par un agent de sécurité qui effectuait sa ronde.
        À l'arrivée des pompiers, le feu avait déjà gagné la toiture et des flammes de
        plusieurs mètres de haut étaient visibles depuis l'autoroute.

        Près de quatre-vingts sapeurs-pompiers et une vingtaine d'engins ont été mobilisés.
        Leur priorité a été d'empêcher la propagation aux bâtiments voisins, dont une
        entreprise de stockage de produits phytosanitaires, située à une cinquantaine de
        mètres.

        « Le vent soufflait du nord, vers les autres entrepôts. Sans l'intervention rapide
        des équipes, on aurait pu avoir un sinistre beaucoup plus grave », indique le
        commandant Laurent Gaubert, qui dirigeait les opérations.

        L'entrepôt appartenait à une société de distribution de matériel de jardinage qui
        emploie une quarantaine de personnes. Son dirigeant, arrivé sur place dans la nuit,
        n'a pas souhaité s'exprimer.

        Un épais panache de fumée noire s'est dirigé vers la mer au lever du jour. Par
        précaution, la mairie a demandé aux habitants du quartier voisin des Oliviers de
        garder leurs fenêtres fermées jusqu'à la mi-journée. Des mesures de la qualité de
        l'air sont en cours.

        Une enquête a été ouverte pour déterminer l'origine du sinistre.
    """,
)

CANTINE_LOCALE = guetteur(
    slug="au-college-des-tilleuls-la-cantine-passe-au-100-local",
    section="Éducation",
    when=(19, 14, 35),
    headline="Au collège des Tilleuls, la cantine passe au 100 % local",
    authors=("Élodie Vidal",),
    tags=("Collèges", "Alimentation", "Circuits courts"),
    caption="Le chef Olivier Mas et son équipe préparent les lasagnes aux légumes.",
    credit="Élodie Vidal / Le Guetteur du Sud",
    body="""
        Depuis la rentrée des vacances de la Toussaint, le restaurant scolaire du collège des
        Tilleuls, à Valmirande, sert des repas préparés uniquement avec des produits issus
        d'exploitations situées à moins de 80 kilomètres. Une première dans le département.

        Chaque jour, environ 650 repas sont cuisinés sur place par une équipe de six agents.
        Les légumes proviennent de maraîchers de la plaine du Vernazou, la viande d'un
        groupement d'éleveurs de l'arrière-pays et le pain d'une boulangerie du quartier.

        « Il a fallu tout repenser, des menus aux commandes, en passant par les horaires de
        livraison », explique le chef de cuisine, Olivier Mas. Les plats sont désormais
        construits à partir de ce qui est disponible, et non l'inverse.

        Le coût des denrées a augmenté d'environ 18 centimes par repas, une hausse prise en
        charge par le conseil départemental dans le cadre d'une expérimentation de deux ans.
        Le prix payé par les familles reste inchangé.

        Les élèves, eux, semblent conquis, même si les premières semaines ont été marquées
        par quelques résistances. « Au début, on regrettait les frites, mais les lasagnes aux
        légumes sont devenues le plat préféré de la classe », raconte Inès, en quatrième.

        Le gaspillage alimentaire aurait diminué de près d'un tiers depuis septembre, selon
        les pesées réalisées par l'établissement. Si l'expérience est concluante, le
        département envisage de l'étendre à dix autres collèges à partir de la rentrée 2027.
    """,
)

TRAMWAY_LIGNE_3 = guetteur(
    slug="tramway-les-travaux-de-la-ligne-3-perturbent-le-quartier-de-la-gare",
    section="Transports",
    when=(20, 11, 10),
    headline="Tramway : les travaux de la ligne 3 perturbent le quartier de la gare",
    authors=("Mathieu Arnaud", "Julien Fabre"),
    tags=("Tramway", "Travaux", "Quartier de la gare"),
    caption="L'avenue de la République, éventrée par le chantier de la ligne 3.",
    credit="Mathieu Arnaud / Le Guetteur du Sud",
    body="""
        Les travaux de la future ligne 3 du tramway entrent dans une phase délicate autour de
        la gare de Valmirande. À partir de lundi et pour au moins quatre mois, l'avenue de la
        République sera fermée à la circulation entre le pont du Vernazou et la place de la
        Gare.

        Les bus seront déviés par les boulevards extérieurs, ce qui allongera les temps de
        trajet de dix à quinze minutes aux heures de pointe, selon la métropole. Les piétons
        et les cyclistes pourront continuer à emprunter l'avenue grâce à des cheminements
        protégés.

        La ligne 3, longue de 9,4 kilomètres, doit relier la gare au nouveau quartier de
        Port-Marin et au campus universitaire. Sa mise en service est prévue pour la fin de
        l'année 2028, pour un coût total estimé à 420 millions d'euros.

        Les commerçants de l'avenue s'inquiètent des conséquences sur leur activité. « Depuis
        le début du chantier, j'ai perdu un quart de mon chiffre d'affaires », affirme Rachid
        Benali, qui tient une boulangerie près de la gare. Une commission d'indemnisation a
        été mise en place par la métropole.

        Le vice-président chargé des transports, Thierry Granier, reconnaît une « période
        difficile », mais promet un quartier transformé à l'arrivée du tramway, avec des
        trottoirs élargis, des arbres et une piste cyclable continue.

        Un point d'information sur le chantier est ouvert du mardi au samedi dans un ancien
        local commercial de l'avenue. Les riverains peuvent également s'inscrire pour
        recevoir des alertes par SMS.
    """,
)

REFUGE_ANIMALIER = guetteur(
    slug="le-refuge-animalier-de-valmirande-au-bord-de-la-saturation",
    section="Société",
    when=(20, 16, 25),
    headline="Le refuge animalier de Valmirande au bord de la saturation",
    authors=("Camille Roussel",),
    tags=("Animaux", "Adoption", "Bénévolat"),
    caption="Des bénévoles promènent les chiens du refuge le long du Vernazou.",
    credit="Camille Roussel / Le Guetteur du Sud",
    body="""
        Le refuge animalier de Valmirande accueille actuellement 140 chiens et 95 chats, un
        record depuis son ouverture en 1987. Ses responsables lancent un appel aux adoptions
        et aux familles d'accueil avant l'hiver.

        Depuis le début de l'année, le nombre d'abandons a augmenté de près de 30 %, selon
        l'association qui gère le refuge. Beaucoup de propriétaires invoquent des difficultés
        financières, un déménagement ou un changement de situation familiale.

        « On voit arriver des animaux adoptés pendant le confinement, qui ont aujourd'hui
        cinq ou six ans. Les gens nous disent qu'ils n'ont plus le temps, ou plus les
        moyens », explique la présidente de l'association, Martine Escande. Certains chiens
        ont été déposés attachés au portail, la nuit.

        Faute de place, les bénévoles ont installé des boxes provisoires dans l'ancienne
        salle de toilettage. Les frais vétérinaires ont également explosé, et l'association a
        dû puiser dans ses réserves pour payer les factures de l'automne.

        Pour faciliter les adoptions, le refuge organise des journées portes ouvertes les
        samedis 28 novembre et 5 décembre, avec des frais d'adoption réduits. Chaque animal
        est vacciné, identifié et stérilisé avant son départ.

        L'association recherche aussi des dons de couvertures, de croquettes et de litière,
        ainsi que des bénévoles pour promener les chiens le week-end. Le refuge est ouvert au
        public du mercredi au dimanche, de 14 h à 18 h.
    """,
)

FAUX_ARTISANS = guetteur(
    slug="faux-artisans-trois-hommes-condamnes-pour-avoir-escroque-des-retraites",
    section="Justice",
    when=(21, 17, 45),
    headline="Faux artisans : trois hommes condamnés pour avoir escroqué des retraités",
    authors=("Julien Fabre",),
    tags=("Tribunal", "Escroquerie", "Seniors"),
    caption="Le palais de justice de Valmirande, vendredi après-midi.",
    credit="Julien Fabre / Le Guetteur du Sud",
    body="""
        Le tribunal correctionnel de Valmirande a condamné vendredi trois hommes à des peines
        allant de dix-huit mois à quatre ans de prison pour avoir escroqué une trentaine de
        personnes âgées en se faisant passer pour des artisans. Le préjudice total dépasse
        280 000 euros.

        Entre 2023 et 2025, les prévenus démarchaient des retraités à leur domicile, dans la
        métropole et dans les villages alentour, en prétextant des fuites sur leur toiture ou
        des nids de frelons dans leurs combles. Ils réalisaient ensuite des travaux inutiles
        ou bâclés, facturés plusieurs milliers d'euros.

        À l'audience, plusieurs victimes ont raconté avoir été mises sous pression. « Ils
        m'ont dit que ma charpente allait s'effondrer dans la nuit. J'ai signé un chèque de
        9 000 euros sans réfléchir », a témoigné une veuve de 84 ans, qui n'a jamais revu ses
        économies.

        Le procureur a dénoncé des « prédateurs » ayant ciblé les plus vulnérables, parfois à
        plusieurs reprises. L'un des prévenus était déjà connu de la justice pour des faits
        similaires dans un autre département.

        La défense a plaidé la part de travaux réellement effectués, contestant le montant du
        préjudice. Les trois hommes devront rembourser solidairement les victimes, qui
        s'étaient constituées parties civiles.

        La gendarmerie rappelle qu'aucun artisan sérieux ne démarche à domicile en exigeant
        un paiement immédiat. En cas de doute, il est conseillé de demander plusieurs devis et
        de contacter un proche ou la mairie avant de signer.
    """,
)

LOGEMENT_ETUDIANT = guetteur(
    slug="logement-etudiant-la-rentree-se-prolonge-dans-les-campings",
    section="Société",
    when=(23, 11, 40),
    headline="Logement étudiant : à Valmirande, la rentrée se prolonge dans les campings",
    authors=("Élodie Vidal", "Nadia Belkacem"),
    tags=("Étudiants", "Logement", "Université"),
    caption="Un mobile-home loué à la semaine par un étudiant, sur la côte.",
    credit="Nadia Belkacem / Le Guetteur du Sud",
    body="""
        Près de trois mois après la rentrée universitaire, plusieurs dizaines d'étudiants de
        Valmirande n'ont toujours pas trouvé de logement stable. Certains vivent encore dans
        des mobile-homes de campings de la côte, loués à la semaine hors saison.

        Selon le principal syndicat étudiant du campus, environ 150 étudiants seraient dans
        une situation précaire, hébergés chez des amis, dans leur voiture ou dans des
        locations de courte durée. La résidence universitaire, avec ses 1 200 chambres,
        affiche complet depuis juillet.

        Théo, 19 ans, étudiant en première année de biologie, loue un mobile-home à vingt
        kilomètres du campus. « Je me lève à 6 heures pour prendre deux bus. Le soir, il n'y
        a pas de chauffage correct, alors je révise dans la voiture avec le moteur allumé »,
        raconte-t-il.

        La hausse des loyers dans la métropole, de 9 % en deux ans selon l'observatoire
        local, pèse lourdement sur les budgets étudiants. Un studio près du centre se loue
        désormais autour de 560 euros par mois, hors charges.

        L'université a ouvert une plateforme de mise en relation avec des particuliers
        proposant une chambre chez l'habitant. Une nouvelle résidence de 300 logements doit
        ouvrir à Port-Marin, mais pas avant la rentrée 2028.

        La métropole assure étudier la réquisition temporaire d'un ancien foyer de jeunes
        travailleurs, fermé depuis deux ans, pour y loger une cinquantaine d'étudiants dès
        janvier.
    """,
)

PONTS_ARRIERE_PAYS = guetteur(
    slug="routes-departementales-35-millions-pour-les-ponts-de-l-arriere-pays",
    section="Politique",
    when=(24, 7, 45),
    headline="Routes départementales : 35 millions d'euros pour les ponts de l'arrière-pays",
    authors=("Julien Fabre",),
    tags=("Conseil départemental", "Routes", "Arrière-pays"),
    caption="Le pont de la Cadière, sur la route de Castelroux, sous surveillance.",
    credit="Julien Fabre / Le Guetteur du Sud",
    body="""
        Le conseil départemental a annoncé un plan de 35 millions d'euros sur cinq ans pour
        rénover les ponts des routes de l'arrière-pays de Valmirande. Une quarantaine
        d'ouvrages, dont certains datent du XIXe siècle, sont concernés.

        Un diagnostic réalisé en 2025 a classé onze ponts en mauvais état, dont deux ont déjà
        été interdits aux poids lourds. Le pont de la Cadière, sur la route de Castelroux,
        fait l'objet d'une surveillance mensuelle après l'apparition de fissures sur l'une de
        ses piles.

        « Pendant des années, on a entretenu ces ouvrages au coup par coup. Il est temps
        d'avoir une vision d'ensemble », justifie la vice-présidente chargée des routes,
        Hélène Bousquet.

        Les premiers chantiers débuteront au printemps, en commençant par les ponts jugés
        prioritaires. Des déviations seront mises en place, parfois longues de plusieurs
        kilomètres, ce qui inquiète les élus des petites communes.

        Le maire de Saint-Jory-des-Vignes, Christian Roques, craint notamment pour les
        transports scolaires et les services d'urgence. « Si le pont du Moulin est fermé
        trois mois, les pompiers devront faire un détour de quinze kilomètres », souligne-t-il.

        Le département promet de concerter chaque commune avant le début des travaux et de
        programmer les fermetures les plus longues pendant les vacances scolaires. Une partie
        du financement devrait provenir de l'État, dans le cadre d'un programme national
        consacré aux ouvrages d'art.

        La liste complète des ponts concernés sera présentée lors de la prochaine session du
        conseil départemental, le 14 décembre.
    """,
)

STORIES: tuple[DemoArticle, ...] = (
    PIETONNISATION,
    PLAN_BLANC,
    INCENDIE_ENTREPOT,
    CANTINE_LOCALE,
    TRAMWAY_LIGNE_3,
    REFUGE_ANIMALIER,
    FAUX_ARTISANS,
    LOGEMENT_ETUDIANT,
    PONTS_ARRIERE_PAYS,
)
