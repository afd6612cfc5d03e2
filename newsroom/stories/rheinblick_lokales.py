"""Rheinblick Zeitung, Lokalteil: die fiktive Stadt Auenstedt am Rhein."""

from __future__ import annotations

from newsroom.records import DemoArticle
from newsroom.stories.build import rheinblick

FAEHRE_NIEDRIGWASSER = rheinblick(
    slug="niedrigwasser-rheinfaehre-stellt-betrieb-ein",
    number=4801,
    section="Verkehr",
    when=(16, 7, 30),
    headline="Niedrigwasser: Rheinfähre Auenstedt stellt Betrieb vorerst ein",
    authors=("Anna Weber",),
    tags=("Rheinfähre", "Niedrigwasser", "Pendler"),
    caption="Die Fähre „Auenstedt III“ liegt am Montagmorgen untätig am Anleger.",
    credit="Anna Weber",
    body="""
        Die Autofähre zwischen Auenstedt und dem gegenüberliegenden Ufer hat ihren Betrieb
        wegen des niedrigen Rheinpegels vorerst eingestellt. Der Pegel an der Messstelle
        Auenstedt lag am Sonntagabend bei 78 Zentimetern und damit unter der Marke, bis zu
        der die Fähre sicher anlegen kann.

        Nach Angaben der Rheinfähre Auenstedt GmbH setzt das Fährschiff „Auenstedt III“ bei
        diesem Wasserstand an der Rampe auf der rechten Rheinseite auf. Ein Weiterbetrieb
        sei daher nicht zu verantworten, sagte Betriebsleiter Holger Brenner am Montagmorgen.

        „Wir sind in den vergangenen Tagen noch mit halber Beladung gefahren, aber jetzt geht
        es einfach nicht mehr“, sagte Brenner. Die Fähre befördert an normalen Werktagen rund
        1400 Fahrzeuge, darunter viele Pendler, die in den Gewerbegebieten auf der anderen
        Seite arbeiten.

        Für Autofahrer bedeutet die Einstellung einen Umweg von etwa 35 Kilometern über die
        nächste Rheinbrücke im Norden. Die Stadt rechnet deshalb im Berufsverkehr mit
        längeren Staus auf der Bundesstraße und hat die Ampelschaltungen an den
        Zufahrten angepasst.

        Fußgänger und Radfahrer können weiterhin übersetzen: Ein kleines Personenschiff
        pendelt ab sofort im Halbstundentakt zwischen 6 und 20 Uhr. Fahrräder werden
        mitgenommen, solange Platz ist, Lastenräder allerdings nur außerhalb der Stoßzeiten.

        Wann die Fähre wieder fahren kann, ist offen. Die Wetterdienste rechnen erst gegen
        Ende der Woche mit nennenswerten Niederschlägen im Einzugsgebiet des Flusses. Der
        Pegel müsste nach Angaben des Betreibers mindestens auf 95 Zentimeter steigen.

        Schon im Herbst 2022 hatte die Fähre wegen Niedrigwassers fast drei Wochen lang
        stillgestanden. Damals hatten mehrere Betriebe auf der anderen Rheinseite ihren
        Beschäftigten kurzfristig Heimarbeit erlaubt.
    """,
)

HAUSHALT_2027 = rheinblick(
    slug="stadtrat-beschliesst-haushalt-2027",
    number=4803,
    section="Politik",
    when=(16, 20, 15),
    updated=(16, 22, 40),
    headline="Stadtrat beschließt Haushalt 2027 mit Rekordinvestitionen",
    authors=("Jonas Keller", "Katrin Vogt"),
    tags=("Stadtrat", "Haushalt", "Finanzen"),
    caption="Kämmerin Birgit Lorenz bei ihrer Haushaltsrede im Ratssaal.",
    credit="Katrin Vogt",
    body="""
        Der Auenstedter Stadtrat hat am Montagabend den Haushalt für das kommende Jahr
        beschlossen und dabei so viel Geld für Investitionen freigegeben wie nie zuvor.
        Insgesamt will die Stadt 2027 rund 48 Millionen Euro in Schulen, Straßen und den
        Hochwasserschutz stecken.

        Für den Etat stimmten die Fraktionen der Mehrheitskoalition sowie eine
        Einzelstadträtin, dagegen votierten die beiden Oppositionsfraktionen. Das Ergebnis
        fiel mit 27 zu 19 Stimmen deutlicher aus als erwartet.

        Kämmerin Birgit Lorenz verteidigte die hohe Neuverschuldung von knapp 21 Millionen
        Euro. „Wir holen nach, was über Jahrzehnte liegen geblieben ist. Jeder Euro, den wir
        heute nicht in die Schulen stecken, kostet uns morgen das Doppelte“, sagte sie in
        ihrer Haushaltsrede.

        Größter Einzelposten ist der Neubau der Grundschule Weidenbach mit 14,5 Millionen
        Euro. Daneben sind unter anderem die Sanierung der Rheinuferstraße, ein neues
        Feuerwehrgerätehaus im Stadtteil Nordfeld und die Erhöhung des Deichs am Hafenviertel
        vorgesehen.

        Die Opposition warf der Koalition vor, die Folgekosten zu unterschätzen. „Die Zinsen
        für diese Kredite zahlen unsere Kinder“, sagte der Fraktionsvorsitzende Reinhard
        Pohl. Er forderte, auf den geplanten Umbau des Marktplatzes zu verzichten, der mit
        3,2 Millionen Euro veranschlagt ist.

        Auch die Gebühren steigen: Die Grundsteuer wird moderat angehoben, die Parkgebühren
        in der Innenstadt steigen von 1,50 auf 2 Euro pro Stunde. Die Kita-Beiträge bleiben
        dagegen unverändert.

        Der Haushalt muss noch von der Kommunalaufsicht genehmigt werden. Die Kämmerin
        rechnet mit einer Entscheidung im Februar und hofft, dass bis dahin keine
        Ausschreibung verschoben werden muss.
    """,
)

WEIHNACHTSMARKT_AUFBAU = rheinblick(
    slug="aufbau-weihnachtsmarkt-marktplatz-begonnen",
    number=4819,
    section="Lokales",
    when=(17, 15, 40),
    headline="Aufbau für den Weihnachtsmarkt auf dem Marktplatz hat begonnen",
    authors=("Sophie Hartmann",),
    tags=("Weihnachtsmarkt", "Altstadt", "Marktplatz"),
    caption="Die ersten Holzbuden stehen bereits vor dem Alten Rathaus.",
    credit="Sophie Hartmann",
    body="""
        Auf dem Auenstedter Marktplatz stehen seit Dienstag die ersten Holzbuden für den
        Weihnachtsmarkt. Bis zur Eröffnung am Donnerstag, 26. November, sollen insgesamt 68
        Stände sowie ein Riesenrad aufgebaut werden.

        Neu ist in diesem Jahr eine Eisbahn vor dem Alten Rathaus, die nach Angaben der
        Stadt ohne echtes Eis auskommt: Die Fläche besteht aus Kunststoffplatten, auf denen
        mit normalen Schlittschuhen gelaufen werden kann. Der Eintritt soll für Kinder unter
        zwölf Jahren frei sein.

        Marktmeister Uwe Baumann ist mit der Resonanz der Händler zufrieden. „Wir hatten mehr
        Bewerbungen als Plätze, vor allem beim Kunsthandwerk“, sagte er. Erstmals gebe es
        auch einen Stand, an dem ausschließlich Produkte aus Werkstätten für Menschen mit
        Behinderung verkauft werden.

        Die Preise für Glühwein steigen nach einer Umfrage unter den Standbetreibern leicht,
        auf meist 4,50 Euro pro Becher. Hinzu kommt wie gewohnt das Pfand für die Tasse,
        deren Motiv in diesem Jahr die Rheinfähre zeigt. Sammler können die Tasse auch ohne
        Getränk an der Information kaufen.

        Während der Aufbauarbeiten ist der Marktplatz für den Lieferverkehr nur eingeschränkt
        erreichbar. Der Wochenmarkt weicht am Samstag auf den Kirchplatz aus, die
        Markthändler haben dort ihre gewohnten Plätze in derselben Reihenfolge.

        Der Weihnachtsmarkt ist bis zum 23. Dezember täglich von 11 bis 21 Uhr geöffnet,
        freitags und samstags bis 22 Uhr. Die Stadt empfiehlt Besuchern, mit Bus oder Bahn
        anzureisen, da die Parkhäuser an den Adventswochenenden erfahrungsgemäß schnell voll
        sind.

        Für mehr Sicherheit sorgen wie im Vorjahr Betonsperren an den Zufahrten sowie ein
        privater Sicherheitsdienst, der in den Abendstunden über den Markt geht.
    """,
)

GRUNDSCHULE_NEUBAU = rheinblick(
    slug="grundschule-weidenbach-neubau-2029",
    number=4822,
    section="Bildung",
    when=(18, 9, 10),
    headline="Grundschule Weidenbach: Neubau soll 2029 fertig sein",
    authors=("Katrin Vogt", "Lukas Brandt"),
    tags=("Schulen", "Weidenbach", "Bauausschuss"),
    caption="So soll der Holzbau der neuen Grundschule Weidenbach aussehen.",
    credit="Stadt Auenstedt",
    body="""
        Die Grundschule im Stadtteil Weidenbach bekommt einen Neubau, der im Sommer 2029
        bezugsfertig sein soll. Der Bauausschuss billigte am Dienstagabend einstimmig den
        Entwurf eines Architekturbüros aus der Region.

        Das bisherige Gebäude aus den frühen Siebzigerjahren gilt als marode. Im vergangenen
        Winter fiel mehrfach die Heizung aus, in zwei Klassenräumen mussten wegen
        Feuchtigkeit Wandverkleidungen entfernt werden. Eine Sanierung wäre nach einem
        Gutachten kaum günstiger gewesen als ein Neubau.

        Geplant ist ein zweigeschossiger Holzbau mit zwölf Klassenräumen, einer Mensa und
        einer Sporthalle. Die Klassenzimmer sollen jeweils paarweise um einen gemeinsamen
        Lernbereich gruppiert werden, in dem Kinder in kleinen Gruppen arbeiten können.

        Schulleiterin Martina Kühn zeigte sich erleichtert. „Unsere Kinder und das Kollegium
        haben lange genug improvisiert. Endlich bekommen wir eine Schule, die zu der Art
        passt, wie wir heute unterrichten“, sagte sie.

        Die Kosten werden auf 14,5 Millionen Euro geschätzt, das Land beteiligt sich mit rund
        einem Drittel. Während der Bauzeit werden die rund 260 Schülerinnen und Schüler in
        Containern auf dem benachbarten Sportplatz unterrichtet, der dafür ab den
        Osterferien gesperrt wird.

        Der Sportverein, der den Platz bisher nutzt, soll für diese Zeit auf die Anlage im
        Stadtteil Nordfeld ausweichen. Die Stadt hat zugesagt, die Fahrtkosten für die
        Jugendmannschaften zu übernehmen.

        Der Förderverein der Schule kündigte an, für die Ausstattung des neuen Schulgartens
        Spenden zu sammeln. Eltern können sich bei einem Informationsabend am 2. Dezember in
        der Aula über die Pläne informieren.
    """,
)

RADWEG_RHEINUFER = rheinblick(
    slug="neuer-radweg-rheinufer-freigegeben",
    number=4824,
    section="Verkehr",
    when=(18, 13, 25),
    headline="Neuer Radweg am Rheinufer freigegeben",
    authors=("Lukas Brandt",),
    tags=("Radverkehr", "Rheinufer", "Hafenviertel"),
    caption="Oberbürgermeisterin Claudia Seifert radelt als Erste über den neuen Weg.",
    credit="Lukas Brandt",
    body="""
        Radfahrer können ab sofort auf einem neuen, drei Meter breiten Weg am Rheinufer
        zwischen der Altstadt und dem Hafenviertel fahren. Oberbürgermeisterin Claudia
        Seifert gab den 2,4 Kilometer langen Abschnitt am Mittwochmittag frei.

        Bisher mussten sich Radfahrer und Fußgänger auf diesem Stück einen schmalen Uferweg
        teilen, was vor allem an Sommerwochenenden regelmäßig zu Konflikten führte. Künftig
        sind die beiden Wege durch einen Grünstreifen getrennt.

        Der Bau hat rund 1,9 Millionen Euro gekostet, drei Viertel davon trägt ein
        Förderprogramm des Bundes. Die Arbeiten dauerten wegen des Hochwassers im Frühjahr
        etwa vier Monate länger als geplant.

        „Das ist ein wichtiger Baustein für unser Radnetz“, sagte Seifert bei der Eröffnung.
        Wer aus den nördlichen Stadtteilen in die Innenstadt pendle, könne jetzt fast
        durchgehend abseits der Straßen fahren.

        Der örtliche Fahrradclub begrüßte den Weg, kritisierte aber die Anbindung am
        Hafenviertel. Dort endet die neue Trasse an einer Kreuzung ohne eigene Ampelphase für
        Radfahrer. „Ausgerechnet der gefährlichste Punkt ist ungelöst“, sagte Sprecherin Jana
        Richter.

        Die Stadt kündigte an, die Kreuzung im kommenden Jahr umzubauen. Bis dahin soll eine
        provisorische rote Markierung die Radfahrer für Autofahrer besser sichtbar machen.

        Entlang des neuen Weges werden zudem zwölf Bänke, mehrere Abfallbehälter und eine
        Fahrradreparaturstation aufgestellt. Die Beleuchtung ist mit Bewegungsmeldern
        ausgestattet, damit die Insekten am Ufer nachts möglichst wenig gestört werden.

        Der Weg ist Teil einer geplanten Verbindung bis zum Naturschutzgebiet im Norden. Den
        nächsten Abschnitt will die Stadt im Jahr 2028 bauen, sofern der Bund erneut
        Fördergeld bereitstellt.
    """,
)

EINBRUCHSERIE = rheinblick(
    slug="einbruchserie-weidenbach-polizei-bittet-um-hinweise",
    number=4829,
    section="Blaulicht",
    when=(19, 16, 5),
    headline="Einbruchserie in Weidenbach: Polizei bittet um Hinweise",
    authors=("Mehmet Yılmaz",),
    tags=("Polizei", "Einbrüche", "Weidenbach"),
    caption="Eine aufgehebelte Terrassentür in einem Wohnhaus in Weidenbach.",
    credit="Polizeiinspektion Auenstedt",
    body="""
        Im Auenstedter Stadtteil Weidenbach ist in den vergangenen zwei Wochen in mindestens
        neun Wohnhäuser eingebrochen worden. Die Polizei geht von einer zusammenhängenden
        Serie aus und bittet die Bevölkerung um Hinweise.

        Die Täter schlugen nach Angaben der Ermittler meist am frühen Abend zu, wenn es
        bereits dunkel war und die Bewohner noch nicht zu Hause waren. In den meisten Fällen
        hebelten sie Terrassentüren oder Fenster auf der Rückseite der Häuser auf.

        Gestohlen wurden vor allem Schmuck, Bargeld und Elektronik. Der Gesamtschaden beläuft
        sich nach ersten Schätzungen auf rund 45.000 Euro. In einem Fall nahmen die
        Einbrecher auch einen Tresor mit, der im Kleiderschrank verschraubt war.

        „Die dunkle Jahreszeit ist erfahrungsgemäß die Hochsaison für Wohnungseinbrüche“,
        sagte Polizeisprecher Carsten Wendt. Nachbarn sollten aufeinander achten und
        verdächtige Beobachtungen sofort über den Notruf melden, auch wenn sie sich nicht
        ganz sicher seien.

        Mehrere Anwohner berichteten von einem dunklen Kleinwagen mit auswärtigem
        Kennzeichen, der in den Tagen vor den Einbrüchen langsam durch die Wohnstraßen
        gefahren sei. Die Polizei prüft diese Hinweise und wertet Aufnahmen von
        Überwachungskameras aus.

        Die Beratungsstelle der Polizei bietet kostenlose Termine an, bei denen Fachleute
        Türen und Fenster auf Schwachstellen prüfen. Oft helfen schon einfache Mittel wie
        Zeitschaltuhren für das Licht oder zusätzliche Riegel an Terrassentüren.

        Im Stadtteil hat sich inzwischen eine Nachbarschaftsgruppe gebildet, die über einen
        Messengerdienst verdächtige Fahrzeuge meldet. Die Polizei begrüßt das Engagement,
        warnt aber davor, Verdächtige auf eigene Faust anzusprechen oder zu verfolgen.

        Hinweise zu der Einbruchserie nimmt jede Polizeidienststelle entgegen, auf Wunsch
        auch vertraulich.
    """,
)

NOTAUFNAHME = rheinblick(
    slug="klinikum-eroeffnet-neue-zentrale-notaufnahme",
    number=4831,
    section="Gesundheit",
    when=(20, 8, 30),
    headline="Klinikum eröffnet neue Zentrale Notaufnahme",
    authors=("Katrin Vogt",),
    tags=("Klinikum Auenstedt", "Notaufnahme", "Gesundheit"),
    caption="Einer der beiden Schockräume der neuen Notaufnahme.",
    credit="Klinikum Auenstedt",
    body="""
        Das Klinikum Auenstedt hat seine neue Zentrale Notaufnahme in Betrieb genommen. Seit
        Donnerstagmorgen werden alle Notfallpatienten in dem Anbau an der Nordseite des
        Krankenhauses versorgt, der in gut zwei Jahren Bauzeit entstanden ist.

        Bisher waren die Notaufnahmen für Innere Medizin und Chirurgie auf zwei Gebäude
        verteilt. Patienten mussten teils mehrfach verlegt werden, bevor klar war, welche
        Abteilung zuständig ist. Nun kommen alle Fachrichtungen an einem Ort zusammen.

        Die neue Notaufnahme verfügt über 24 Behandlungsplätze, zwei Schockräume und einen
        eigenen Computertomografen. Eine Ersteinschätzung durch speziell geschulte
        Pflegekräfte soll dafür sorgen, dass die dringendsten Fälle zuerst behandelt werden.

        „Wer mit einem Herzinfarkt kommt, muss innerhalb von Minuten versorgt werden. Wer sich
        beim Sport den Knöchel verstaucht hat, muss unter Umständen warten – das ist
        medizinisch richtig, auch wenn es im Wartezimmer nicht immer so empfunden wird“,
        sagte der Chefarzt der Notaufnahme, Stefan Albers.

        Der Anbau hat rund 18 Millionen Euro gekostet. Das Land hat den größten Teil der
        Summe übernommen, den Rest trägt der Landkreis als Träger des Klinikums.

        Im vergangenen Jahr wurden in Auenstedt rund 31.000 Notfallpatienten behandelt,
        Tendenz steigend. Das Klinikum appelliert an Patienten mit leichteren Beschwerden,
        außerhalb der Praxiszeiten zunächst den ärztlichen Bereitschaftsdienst anzurufen.

        Die alte Notaufnahme der Chirurgie wird in den kommenden Monaten zu einer Station für
        Patienten umgebaut, die nur eine Nacht zur Beobachtung bleiben müssen. Für die neue
        Notaufnahme sucht das Klinikum noch acht Pflegekräfte.
    """,
)

ZUGAUSFAELLE = rheinblick(
    slug="zugausfaelle-rheinstrecke-pendler",
    number=4842,
    section="Verkehr",
    when=(23, 17, 30),
    headline="Zugausfälle auf der Rheinstrecke: Pendler verlieren die Geduld",
    authors=("Anna Weber", "Jonas Keller"),
    tags=("Bahn", "Pendler", "Nahverkehr"),
    caption="Wartende Fahrgäste am Bahnhof Auenstedt am Montagmorgen.",
    credit="Anna Weber",
    body="""
        Auf der Bahnstrecke zwischen Auenstedt und der Landeshauptstadt fallen seit Wochen
        regelmäßig Züge aus. Allein in der vergangenen Woche wurden nach Zählung eines
        Fahrgastverbands 46 Verbindungen gestrichen, weitere kamen mit mehr als 20 Minuten
        Verspätung an.

        Als Ursache nennt das Eisenbahnunternehmen vor allem Personalmangel bei den
        Lokführern sowie Reparaturen an mehreren Triebwagen. Hinzu kommen Bauarbeiten an
        einem Stellwerk, wegen derer die Strecke abends nur eingleisig befahren werden kann.

        Für Pendler ist die Lage zermürbend. „Ich stehe morgens am Bahnsteig und weiß nicht,
        ob ich pünktlich zur Arbeit komme“, sagte Krankenpflegerin Melanie Scholz, die
        täglich in die Landeshauptstadt fährt. Sie nehme inzwischen regelmäßig einen Zug
        früher, um überhaupt eine Chance zu haben.

        Der Fahrgastverband fordert, dass Ausfälle früher angekündigt werden. Oft erführen
        Reisende erst am Bahnsteig, dass ihr Zug nicht komme, sagte Verbandssprecher Ralf
        Ebert. Zudem müsse es bei längeren Lücken einen Ersatzverkehr mit Bussen geben.

        Das Unternehmen kündigte an, ab Mitte Dezember zwei zusätzliche Fahrzeuge aus einer
        anderen Region einzusetzen. Zehn Lokführer befänden sich in der Ausbildung und
        sollten im Frühjahr ihren Dienst aufnehmen.

        Der Verkehrsverbund prüft unterdessen Strafzahlungen. Nach dem Verkehrsvertrag muss
        der Betreiber für jeden ausgefallenen Zugkilometer einen Abzug hinnehmen. Fahrgäste
        mit Zeitkarten können sich bei erheblichen Verspätungen einen Teil des Fahrpreises
        erstatten lassen.

        Die Stadt Auenstedt will das Thema in der nächsten Sitzung des Verkehrsausschusses
        aufgreifen. Oberbürgermeisterin Claudia Seifert hat das Unternehmen eingeladen, dort
        Rede und Antwort zu stehen, und eine Zusage für Januar erhalten.
    """,
)

STORIES: tuple[DemoArticle, ...] = (
    FAEHRE_NIEDRIGWASSER,
    HAUSHALT_2027,
    WEIHNACHTSMARKT_AUFBAU,
    GRUNDSCHULE_NEUBAU,
    RADWEG_RHEINUFER,
    EINBRUCHSERIE,
    NOTAUFNAHME,
    ZUGAUSFAELLE,
)
