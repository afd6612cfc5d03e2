"""Le Guetteur du Sud : environnement, économie, culture et sports (contenu fictif)."""

from __future__ import annotations

from newsroom.records import DemoArticle
from newsroom.stories.build import guetteur

SECHERESSE = guetteur(
    slug="secheresse-les-restrictions-d-eau-prolongees-jusqu-a-la-fin-de-l-annee",
    section="Environnement",
    when=(16, 8, 0),
    headline="Sécheresse : les restrictions d'eau prolongées jusqu'à la fin de l'année",
    authors=("Camille Roussel",),
    tags=("Sécheresse", "Eau", "Vernazou"),
    caption="Le lit du Vernazou, presque à sec à l'entrée de Valmirande.",
    credit="Camille Roussel / Le Guetteur du Sud",
    body="""
        Les restrictions d'usage de l'eau en vigueur dans la métropole de Valmirande sont
        prolongées jusqu'au 31 décembre. La préfecture a pris la décision vendredi, après un
        automne nettement plus sec que la normale sur l'ensemble du bassin du Vernazou.

        Depuis le début du mois de septembre, il est tombé à peine 62 millimètres de pluie à
        la station de Valmirande, contre 190 en moyenne sur la même période. Le débit du
        Vernazou reste inférieur de moitié à ce qu'il devrait être à cette saison.

        Concrètement, l'arrosage des jardins, le lavage des voitures hors station et le
        remplissage des piscines privées restent interdits. Les agriculteurs doivent réduire
        leurs prélèvements de 30 %, sauf pour l'abreuvement du bétail et les cultures sous
        serre.

        « Nous n'avons jamais connu une telle situation en novembre », reconnaît Bernard
        Cazals, président du syndicat des eaux du Vernazou. Les nappes phréatiques, qui se
        rechargent normalement en automne, restent à des niveaux très bas, selon les derniers
        relevés.

        Plusieurs communes de l'arrière-pays, dont Castelroux et Saint-Jory-des-Vignes, sont
        désormais alimentées en partie par camion-citerne. Le syndicat étudie la possibilité
        de relier leur réseau à celui de la métropole d'ici l'été prochain.

        Les contrevenants s'exposent à une amende pouvant aller jusqu'à 1 500 euros. La
        préfecture rappelle que des contrôles sont effectués régulièrement et invite les
        habitants à signaler les fuites sur la voie publique.

        Un nouveau point sur la situation sera fait à la mi-décembre, en fonction des
        précipitations.
    """,
)

FUSION_CAVES = guetteur(
    slug="vendanges-la-cave-cooperative-de-castelroux-fusionne-avec-sa-voisine",
    section="Économie",
    when=(17, 10, 20),
    headline="La cave coopérative de Castelroux fusionne avec sa voisine",
    authors=("Mathieu Arnaud",),
    tags=("Viticulture", "Coopératives", "Castelroux"),
    caption="Les cuves modernisées de la cave coopérative de Castelroux.",
    credit="Mathieu Arnaud / Le Guetteur du Sud",
    body="""
        Les vignerons de la cave coopérative de Castelroux ont approuvé samedi la fusion de
        leur structure avec celle de Saint-Jory-des-Vignes. La nouvelle entité regroupera
        près de 310 adhérents et environ 2 400 hectares de vignes, ce qui en fera l'une des
        plus importantes de la région.

        Le vote a été acquis à 87 % des voix lors d'une assemblée générale extraordinaire.
        Les adhérents de Saint-Jory avaient déjà donné leur accord la semaine précédente, à
        une majorité plus courte.

        Les deux caves font face depuis plusieurs années à une baisse de la consommation de
        vin rouge, qui représente l'essentiel de leur production. Leurs stocks ont atteint un
        niveau record après la récolte de 2025, et les prix payés aux vignerons ont reculé.

        « Seuls, nous n'avions plus les moyens d'investir ni de peser face aux acheteurs de
        la grande distribution », explique Jean-Louis Pagès, président de la cave de
        Castelroux. La fusion doit permettre de mutualiser les équipements et de réduire les
        coûts de vinification.

        La nouvelle cave prévoit de transformer une partie de ses vignes de rouge en blanc et
        en rosé, plus demandés. Un plan d'arrachage aidé concerne environ 200 hectares,
        principalement sur des parcelles peu productives.

        Le site de Saint-Jory conservera son caveau de vente, très fréquenté par les
        touristes en été. La vinification sera en revanche progressivement regroupée à
        Castelroux, où les cuves ont été récemment modernisées.

        Aucune suppression d'emploi n'est prévue parmi les 23 salariés, selon la direction.
    """,
)

FESTIVAL_FILM = guetteur(
    slug="le-festival-du-film-mediterraneen-s-ouvre-avec-une-selection-record",
    section="Culture",
    when=(18, 18, 0),
    headline="Le festival du film méditerranéen s'ouvre avec une sélection record",
    authors=("Nadia Belkacem", "Élodie Vidal"),
    tags=("Cinéma", "Festival", "Méditerranée"),
    caption="Le public devant le cinéma Le Lumière, le soir de l'ouverture.",
    credit="Festival du film méditerranéen de Valmirande",
    body="""
        La 21e édition du Festival du film méditerranéen de Valmirande s'ouvre mercredi soir
        au cinéma Le Lumière avec une programmation record de 112 films venus de dix-neuf
        pays. Jusqu'au 29 novembre, les projections se dérouleront dans six salles de la
        ville.

        La compétition officielle réunit douze longs-métrages, dont quatre premiers films. Le
        jury, présidé par la réalisatrice Leïla Ben Amor, remettra l'Olivier d'or lors de la
        soirée de clôture.

        Cette année, le festival met à l'honneur le cinéma des îles de la Méditerranée, de la
        Sicile à Chypre en passant par la Corse et Malte. Une rétrospective est également
        consacrée au documentaire, avec des séances suivies de rencontres avec les
        réalisateurs.

        « Nous voulions montrer que la Méditerranée n'est pas seulement une carte postale,
        mais un espace de circulation, de conflits et de création », explique le délégué
        général du festival, Karim Sebbah. Il se réjouit d'un nombre d'accréditations en
        hausse de 15 % par rapport à l'an dernier.

        Le festival propose aussi des séances gratuites en plein air sur la place des Halles,
        si la météo le permet, ainsi qu'un programme destiné aux scolaires. Près de 4 000
        élèves de la métropole sont attendus au cours de la semaine.

        Le tarif d'une séance est fixé à 6 euros, et un pass pour l'ensemble du festival est
        proposé à 45 euros. Les billets sont en vente sur le site du festival et aux caisses
        des cinémas partenaires.
    """,
)

RECOLTE_OLIVES = guetteur(
    slug="olives-une-recolte-precoce-et-abondante-dans-l-arriere-pays",
    section="Économie",
    when=(21, 9, 0),
    headline="Olives : une récolte précoce et abondante dans l'arrière-pays",
    authors=("Mathieu Arnaud", "Pierre Castan", "Camille Roussel"),
    tags=("Oléiculture", "Agriculture", "Castelroux"),
    caption="La cueillette des olives sur les coteaux de Saint-Jory-des-Vignes.",
    credit="Pierre Castan / Le Guetteur du Sud",
    body="""
        Les oléiculteurs de l'arrière-pays valmirandais s'attendent à une récolte
        exceptionnelle cette année. Au moulin coopératif de Castelroux, qui a commencé à
        presser début novembre, les apports sont déjà supérieurs de 40 % à ceux de l'an
        dernier à la même date.

        Après deux saisons marquées par la chaleur et une floraison ratée, les oliviers ont
        bénéficié d'un printemps doux et de quelques orages bien placés en été. Les fruits
        sont nombreux et sains, même si la sécheresse de l'automne a limité leur taille.

        « On n'avait pas vu des arbres aussi chargés depuis une dizaine d'années », se
        réjouit Françoise Bonnafous, qui exploite 600 oliviers sur les coteaux de
        Saint-Jory-des-Vignes. Elle a dû embaucher deux saisonniers supplémentaires pour la
        cueillette.

        Le moulin tourne désormais sept jours sur sept, et les particuliers qui apportent les
        olives de leur jardin doivent prendre rendez-vous. Son directeur, Alain Fourcade,
        prévoit de produire plus de 90 000 litres d'huile d'ici la fin de la saison.

        Cette abondance devrait entraîner une baisse des prix de l'huile d'olive, qui avaient
        fortement augmenté ces dernières années en raison de mauvaises récoltes autour de la
        Méditerranée. Les producteurs locaux misent toutefois sur la qualité et sur
        l'appellation pour se démarquer.

        La fête de l'huile nouvelle se tiendra le 13 décembre à Castelroux, avec
        dégustations, marché de producteurs et démonstrations de taille.
    """,
)

DERBY_RUGBY = guetteur(
    slug="rugby-l-us-valmirande-renverse-castelroux-dans-le-derby",
    section="Sports",
    when=(22, 0, 40),
    headline="Rugby : l'US Valmirande renverse Castelroux dans le derby",
    authors=("Pierre Castan",),
    tags=("Rugby", "US Valmirande", "RC Castelroux"),
    caption="Théo Marty aplatit l'essai de la victoire à la dernière minute.",
    credit="Pierre Castan / Le Guetteur du Sud",
    body="""
        L'US Valmirande a remporté samedi soir le derby face au RC Castelroux (27-24), grâce
        à un essai de son ailier Théo Marty à la dernière minute. Les Valmirandais, menés de
        dix points à la pause, se hissent à la troisième place du classement.

        Devant plus de 6 000 spectateurs au stade des Platanes, les visiteurs avaient
        parfaitement lancé la rencontre. Leur demi d'ouverture, Hugo Sarda, a inscrit quinze
        points en première période, dont un drop de plus de quarante mètres.

        Au retour des vestiaires, Valmirande a resserré sa défense et pris le dessus en
        mêlée. Le talonneur Kévin Roux a réduit l'écart dès la 44e minute après un ballon
        porté, avant que l'arrière Yanis Belhadj ne recolle au score sur pénalité.

        Alors que Castelroux semblait tenir le match nul, l'ouvreur Lucas Ferrand a trouvé
        Théo Marty d'un coup de pied par-dessus la défense. L'ailier a devancé son vis-à-vis
        pour aplatir dans l'en-but, déclenchant l'explosion du stade.

        « On a montré du caractère. À la mi-temps, personne n'a baissé la tête », s'est
        félicité l'entraîneur valmirandais, Serge Lacombe. Son homologue, Didier Estève,
        regrettait de son côté « vingt minutes sans ballon » en seconde période.

        Valmirande se déplacera la semaine prochaine chez le leader, le Stade cévenol.
        Castelroux, huitième, recevra le promu de la poule avec l'obligation de l'emporter
        pour ne pas décrocher du peloton des qualifiables.
    """,
)

FLAMANTS_ROSES = guetteur(
    slug="les-flamants-roses-reviennent-en-nombre-sur-l-etang-de-palmas",
    section="Environnement",
    when=(22, 10, 30),
    headline="Les flamants roses reviennent en nombre sur l'étang de Palmas",
    authors=("Camille Roussel",),
    tags=("Biodiversité", "Étang de Palmas", "Oiseaux"),
    caption="Des flamants roses dans les anciens salins de l'étang de Palmas.",
    credit="Conservatoire des étangs de Palmas",
    body="""
        Près de 4 200 flamants roses ont été recensés sur l'étang de Palmas, au sud de
        Valmirande, lors du comptage annuel organisé le week-end dernier par les
        naturalistes. C'est presque deux fois plus qu'il y a cinq ans.

        Les oiseaux profitent d'un travail de restauration engagé depuis 2019 sur les anciens
        salins, où la circulation de l'eau de mer a été rétablie. Les bassins peu profonds
        offrent de nouveau aux flamants les petits crustacés dont ils se nourrissent.

        « L'étang était en train de se fermer, envasé et pauvre en oxygène. Aujourd'hui, on y
        retrouve une vie qu'on croyait perdue », explique Julie Sarrazin, chargée de mission
        au conservatoire qui gère le site. D'autres espèces, comme l'avocette élégante ou le
        gravelot à collier interrompu, sont aussi revenues.

        Ce retour attire de plus en plus de promeneurs et de photographes. Le conservatoire a
        aménagé deux observatoires en bois et un sentier balisé, mais il demande aux
        visiteurs de rester à distance pour ne pas effrayer les oiseaux.

        Les chiens doivent être tenus en laisse sur l'ensemble du site, et les drones y sont
        interdits. Plusieurs envols massifs provoqués par des engins volants ont été signalés
        l'été dernier, obligeant les oiseaux à dépenser une énergie précieuse.

        Des sorties guidées gratuites sont proposées chaque dimanche matin jusqu'en mars. Les
        inscriptions se font auprès de l'office de tourisme de la métropole.
    """,
)

LIBRAIRIE_BOUSSOLE = guetteur(
    slug="la-librairie-la-boussole-fete-ses-cinquante-ans-en-changeant-de-mains",
    section="Culture",
    when=(22, 15, 0),
    headline="La librairie La Boussole fête ses cinquante ans en changeant de mains",
    authors=("Nadia Belkacem",),
    tags=("Librairies", "Commerce", "Centre-ville"),
    caption="Lucie Fabregat et Sonia Méric dans les rayons de La Boussole.",
    credit="Nadia Belkacem / Le Guetteur du Sud",
    body="""
        La librairie La Boussole, installée rue des Teinturiers depuis 1976, vient d'être
        reprise par deux de ses salariées. Ses fondateurs, Jacques et Michèle Aubert, ont
        choisi de leur céder l'affaire plutôt que de vendre les murs à une enseigne de
        prêt-à-porter.

        Lucie Fabregat et Sonia Méric travaillent à La Boussole depuis respectivement douze
        et huit ans. Pour financer le rachat, elles ont obtenu un prêt bancaire, une aide de
        la région et le soutien de près de 300 lecteurs qui ont participé à une cagnotte en
        ligne.

        « Les clients nous ont dit : on ne veut pas que ça devienne une boutique de vêtements
        de plus. Cette solidarité nous a donné le courage de nous lancer », raconte Lucie
        Fabregat. Les nouvelles gérantes comptent développer le rayon jeunesse et multiplier
        les rencontres avec des auteurs.

        Pour Jacques Aubert, 78 ans, la transmission était une évidence. « Une librairie, ce
        n'est pas un fonds de commerce comme un autre. C'est un lieu où les gens se parlent.
        Il fallait que ce soient des libraires qui la reprennent », explique-t-il.

        Comme beaucoup de librairies indépendantes, La Boussole a traversé des années
        difficiles, entre la concurrence des plateformes en ligne et la hausse des loyers en
        centre-ville. Elle emploie aujourd'hui cinq personnes et réalise l'essentiel de son
        chiffre d'affaires entre novembre et janvier.

        Une soirée festive est prévue le 12 décembre pour célébrer à la fois le cinquantenaire
        et le passage de relais. Les anciens propriétaires ont promis d'y lire quelques pages
        de leurs livres préférés.
    """,
)

BASKET_FEMININ = guetteur(
    slug="basket-les-valmirandaises-s-offrent-le-leader-au-bout-du-suspense",
    section="Sports",
    when=(23, 0, 35),
    headline="Basket : les Valmirandaises s'offrent le leader au bout du suspense",
    authors=("Pierre Castan",),
    tags=("Basket", "BC Valmirande", "Sport féminin"),
    caption="Chloé Ribes au moment du tir décisif, dans une salle du Mail comble.",
    credit="Pierre Castan / Le Guetteur du Sud",
    body="""
        Les basketteuses du BC Valmirande ont infligé dimanche sa première défaite de la
        saison à l'Union cévenole, leader de la poule, en s'imposant 71 à 69. Le panier
        décisif a été inscrit par la meneuse Chloé Ribes à deux secondes de la fin, dans une
        salle du Mail comble.

        Les Valmirandaises ont longtemps couru après le score. Menées de onze points au début
        du troisième quart-temps, elles ont profité de la sortie pour cinq fautes de la pivot
        adverse, Mariam Diallo, pour revenir progressivement.

        L'intérieure Anaïs Cathala a été la grande artisane de cette remontée, avec 22 points
        et 13 rebonds. Sa complicité avec Chloé Ribes, auteure de neuf passes décisives, a
        fait la différence dans les dernières minutes.

        « On savait qu'elles étaient plus fortes sur le papier. Mais à la maison, devant ce
        public, on ne voulait rien lâcher », a confié Chloé Ribes au coup de sifflet final,
        encore émue. L'entraîneur, Frédéric Alzieu, a salué « un match de caractère ».

        Grâce à cette victoire, le BC Valmirande remonte à la deuxième place du classement, à
        égalité de points avec son adversaire du soir. Le club, promu la saison dernière,
        n'espérait pas mieux en début d'exercice que le maintien.

        Prochain rendez-vous samedi, avec un déplacement délicat chez le Stade garrigue, qui
        reste sur trois victoires consécutives à domicile.
    """,
)

STORIES: tuple[DemoArticle, ...] = (
    SECHERESSE,
    FUSION_CAVES,
    FESTIVAL_FILM,
    RECOLTE_OLIVES,
    DERBY_RUGBY,
    FLAMANTS_ROSES,
    LIBRAIRIE_BOUSSOLE,
    BASKET_FEMININ,
)
