"""Rheinblick Zeitung: Wirtschaft, Kultur, Sport und Umwelt rund um Auenstedt (fiktiv)."""

from __future__ import annotations

from newsroom.records import DemoArticle
from newsroom.stories.build import rheinblick

CHEMIEPARK_STELLEN = rheinblick(
    slug="chemiepark-auenstedt-streicht-stellen",
    number=4817,
    section="Wirtschaft",
    when=(17, 11, 0),
    updated=(17, 16, 20),
    headline="Chemiepark Auenstedt streicht bis zu 300 Stellen",
    authors=("Mehmet Yılmaz",),
    tags=("Chemiepark", "Arbeitsplätze", "Energiepreise"),
    caption="Das Haupttor des Chemieparks im Norden der Stadt.",
    credit="Archiv Rheinblick",
    body="""
        Der Betreiber des Chemieparks Auenstedt will bis Ende 2028 bis zu 300 Stellen
        abbauen. Das teilte die Geschäftsführung am Dienstagmorgen auf einer
        Betriebsversammlung mit, an der nach Angaben des Betriebsrats rund 1200 Beschäftigte
        teilnahmen.

        Als Gründe nannte das Unternehmen die hohen Energiepreise und die schwache Nachfrage
        nach Grundstoffen für die Bau- und Autoindustrie. Eine der beiden Anlagen zur
        Herstellung von Kunststoffvorprodukten soll im kommenden Jahr stillgelegt werden.

        „Wir bedauern diesen Schritt sehr, aber er ist notwendig, um den Standort insgesamt
        zu sichern“, sagte Geschäftsführer Thomas Reuter. Betriebsbedingte Kündigungen wolle
        man möglichst vermeiden, etwa durch Altersteilzeit und Abfindungsprogramme.

        Der Betriebsrat reagierte mit scharfer Kritik. Die Belegschaft habe in den
        vergangenen Jahren bereits auf Teile ihres Weihnachtsgeldes verzichtet, sagte die
        Betriebsratsvorsitzende Sabine Krüger. „Jetzt wird uns die Rechnung für eine
        verfehlte Energiepolitik präsentiert.“

        Der Chemiepark ist mit rund 2900 Beschäftigten der größte Arbeitgeber der Stadt.
        Hinzu kommen zahlreiche Zulieferer und Dienstleister, von der Kantine bis zum
        Werkschutz. Oberbürgermeisterin Claudia Seifert sprach von einem „schweren Tag für
        Auenstedt“.

        Die Stadt will nun mit dem Unternehmen und dem Land über Hilfen sprechen. Im Gespräch
        ist unter anderem ein Anschluss an eine geplante Wasserstoffleitung, die dem Standort
        langfristig günstigere Energie sichern könnte.

        Die Gewerkschaft hat für Donnerstag zu einer Kundgebung vor dem Haupttor aufgerufen.
        Sie fordert eine verbindliche Zusage, dass die Ausbildungsplätze im Chemiepark
        erhalten bleiben, und will notfalls auch über Warnstreiks sprechen.
    """,
)
"""Served under its current URL only; the news sitemap still lists its old /artikel/alt/ URL."""

HANDBALL_DERBY = rheinblick(
    slug="handball-tv-auenstedt-gewinnt-derby",
    number=4826,
    section="Sport",
    when=(19, 0, 20),
    headline="Handball: TV Auenstedt gewinnt Derby in letzter Sekunde",
    authors=("Lukas Brandt",),
    tags=("Handball", "TV Auenstedt", "Oberliga"),
    caption="Niklas Hoffmann (Mitte) wird nach seinem Siegtreffer gefeiert.",
    credit="Lukas Brandt",
    body="""
        Der TV Auenstedt hat das Derby gegen die HSG Kaltenau mit 29:28 gewonnen und sich
        damit auf den zweiten Tabellenplatz der Oberliga geschoben. Den entscheidenden
        Treffer erzielte Rückraumspieler Niklas Hoffmann mit der Schlusssirene.

        Vor 1100 Zuschauern in der ausverkauften Rheinhalle lieferten sich beide Mannschaften
        am Mittwochabend eine umkämpfte Partie. Zur Pause lag Auenstedt mit 13:15 zurück,
        weil die Abwehr gegen die schnellen Gegenstöße der Gäste immer wieder zu spät kam.

        Nach dem Seitenwechsel stellte Trainer Andreas Lämmle auf eine offensivere Deckung
        um. Das zahlte sich aus: Binnen zehn Minuten drehte der TVA die Partie und führte
        erstmals mit 20:19. Torhüter Felix Marquardt parierte in dieser Phase zwei
        Siebenmeter.

        In der hektischen Schlussphase wechselte die Führung mehrfach. 40 Sekunden vor dem
        Ende glich Kaltenau zum 28:28 aus, doch Auenstedt nahm eine Auszeit und spielte den
        letzten Angriff in Ruhe aus. Hoffmann traf aus neun Metern flach ins linke Eck.

        „So ein Spiel vergisst man nicht so schnell“, sagte der 22-Jährige nach der Partie.
        Trainer Lämmle lobte vor allem die Moral seiner Mannschaft: „Wir lagen zurück, wir
        hatten Verletzungssorgen, und trotzdem hat keiner aufgegeben.“

        Bester Werfer der Gastgeber war Kapitän Jonas Riedl mit acht Toren, davon drei
        Siebenmeter. Bei den Gästen traf Linksaußen Tim Scholl siebenmal.

        Am Samstag tritt der TV Auenstedt beim Tabellenführer SG Rheintal an. Für die
        Auswärtsfahrt bietet der Verein einen Fanbus an, Anmeldungen nimmt die
        Geschäftsstelle bis Freitagmittag entgegen.
    """,
)

FLOESSEREI_AUSSTELLUNG = rheinblick(
    slug="stadtmuseum-ausstellung-floesser-rhein",
    number=4827,
    section="Kultur",
    when=(19, 10, 45),
    headline="Stadtmuseum erzählt von den Flößern auf dem Rhein",
    authors=("Sophie Hartmann", "Anna Weber"),
    tags=("Stadtmuseum", "Ausstellung", "Stadtgeschichte"),
    caption="Ein Floßmodell im Maßstab 1:50 ist das Herzstück der Schau.",
    credit="Stadtmuseum Auenstedt",
    body="""
        Mit einer neuen Ausstellung erinnert das Stadtmuseum Auenstedt an die Zeit, als
        riesige Holzflöße den Rhein hinunter in Richtung Niederlande trieben. Die Schau „Holz
        auf dem Strom“ ist ab Freitag im Obergeschoss des Museums zu sehen.

        Bis ins späte 19. Jahrhundert war Auenstedt ein wichtiger Halt für die Flößer. Die
        Stämme stammten aus den Wäldern am Oberrhein und wurden hier zu großen Verbänden
        zusammengebunden, die zum Teil mehrere Hundert Meter lang waren und von Dutzenden
        Männern gesteuert wurden.

        Kuratorin Elisabeth Brandl hat dafür zwei Jahre lang in Archiven recherchiert. Zu
        sehen sind unter anderem Lohnbücher, Werkzeuge, ein Modell eines Floßes im Maßstab
        1:50 und die Tagebücher eines Flößerjungen aus dem Jahr 1868.

        „Die Flößerei hat die Stadt geprägt, aber kaum jemand weiß heute noch davon“, sagte
        Brandl. Viele Straßennamen in der Altstadt, etwa die Wiedgasse oder der Ankerplatz,
        gingen auf diese Zeit zurück.

        Ein Schwerpunkt der Ausstellung liegt auf den Lebensbedingungen der Flößer. Die
        Arbeit war gefährlich und schlecht bezahlt, viele Männer waren wochenlang unterwegs.
        In den Lohnlisten finden sich immer wieder Vermerke über Ertrunkene.

        Für Kinder gibt es eine Mitmachstation, an der sie mit kleinen Holzstämmen selbst ein
        Floß bauen und in einem Wasserbecken testen können. Schulklassen können kostenlose
        Führungen buchen.

        Die Ausstellung läuft bis zum 5. April. Das Museum ist dienstags bis sonntags von 10
        bis 17 Uhr geöffnet, der Eintritt kostet 6 Euro, ermäßigt 3 Euro.
    """,
)

WEINLESE_BILANZ = rheinblick(
    slug="winzer-ziehen-gemischte-bilanz-weinlese",
    number=4833,
    section="Wirtschaft",
    when=(20, 14, 0),
    headline="Winzer ziehen nach der Lese eine gemischte Bilanz",
    authors=("Jonas Keller", "Mehmet Yılmaz", "Sophie Hartmann"),
    tags=("Weinbau", "Riesling", "Landwirtschaft"),
    caption="Lesehelfer in den Steillagen oberhalb der Altstadt im Oktober.",
    credit="Mehmet Yılmaz",
    body="""
        Die Winzer rund um Auenstedt haben einen kleinen, aber qualitativ guten Jahrgang
        eingebracht. Nach Angaben des örtlichen Weinbauvereins lag die Erntemenge etwa 15
        Prozent unter dem Durchschnitt der vergangenen zehn Jahre.

        Hauptgrund waren Spätfröste im April, die in tiefer gelegenen Lagen einen Teil der
        jungen Triebe zerstörten. Im Sommer folgten dann Hitze und Trockenheit, die die Beeren
        klein bleiben ließen. „Wir haben weniger Saft, aber sehr konzentrierte Trauben“,
        sagte Vereinsvorsitzender Peter Grünewald.

        Besonders zufrieden zeigen sich die Betriebe mit dem Riesling, der an den Steillagen
        oberhalb der Altstadt angebaut wird. Die Mostgewichte lagen dort deutlich über dem
        Mittel, ohne dass die Säure zu stark abgebaut wurde.

        Sorgen bereiten den Winzern dagegen die Kosten. Flaschen, Korken, Energie und vor
        allem Löhne für Erntehelfer seien in den vergangenen drei Jahren deutlich teurer
        geworden, sagte Grünewald. Gleichzeitig werde in Deutschland immer weniger Wein
        getrunken.

        Einige Betriebe setzen deshalb verstärkt auf alkoholfreie Weine und Sekte, für die
        die Nachfrage steigt. Das Weingut Hofmann im Stadtteil Nordfeld hat dafür eigens eine
        Anlage zur Entalkoholisierung angeschafft, die es auch anderen Winzern zur Verfügung
        stellt.

        Winzerin Lea Hofmann sieht darin eine Chance für die Region. „Wer keinen Alkohol
        trinkt, will trotzdem ein gutes Glas zum Essen. Diese Kundschaft haben wir lange
        ignoriert“, sagte sie.

        Die ersten Weine des neuen Jahrgangs sollen im Frühjahr in den Verkauf gehen. Der
        Weinbauverein lädt am ersten Adventswochenende zu einer Jahrgangspräsentation im
        Alten Rathaus ein.
    """,
)

DEICH_HAFENVIERTEL = rheinblick(
    slug="deich-hafenviertel-wird-erhoeht",
    number=4835,
    section="Umwelt",
    when=(21, 9, 20),
    headline="Deich am Hafenviertel wird um einen Meter erhöht",
    authors=("Anna Weber",),
    tags=("Hochwasserschutz", "Hafenviertel", "Rhein"),
    caption="Der Rheindeich am Hafenviertel mit den alten Pappeln.",
    credit="Anna Weber",
    body="""
        Der Rheindeich am Auenstedter Hafenviertel wird auf einer Länge von 1,3 Kilometern um
        durchschnittlich einen Meter erhöht. Die Bauarbeiten sollen im März beginnen und rund
        zwei Jahre dauern, teilte die zuständige Landesbehörde am Freitag mit.

        Der bestehende Deich stammt in großen Teilen aus den Sechzigerjahren und entspricht
        nicht mehr den heutigen Anforderungen. Berechnungen zeigen, dass er bei einem
        extremen Hochwasser, wie es statistisch alle 200 Jahre zu erwarten ist, an mehreren
        Stellen überströmt werden könnte.

        Hinter dem Deich liegen rund 900 Wohnungen, mehrere Betriebe und das Klärwerk der
        Stadt. Beim Hochwasser im Frühjahr hatte das Wasser nur noch etwa 40 Zentimeter unter
        der Deichkrone gestanden, Helfer hatten vorsorglich Sandsäcke verbaut.

        Die Pläne sehen vor, den Deich landseitig zu verbreitern und mit einer Spundwand im
        Kern zu sichern. An zwei Stellen, an denen die Bebauung bis dicht an den Deich
        heranreicht, werden stattdessen Schutzwände aus Beton errichtet.

        Für einige Anwohner bedeutet das Einschnitte: Etwa 60 Bäume müssen gefällt werden,
        darunter mehrere alte Pappeln, die bei Spaziergängern beliebt sind. Die Behörde hat
        zugesagt, im Deichvorland doppelt so viele Bäume neu zu pflanzen.

        „Wir verstehen, dass der Verlust der Bäume schmerzt“, sagte Projektleiterin Hanna
        Schmitt. „Aber ein Deich mit Bäumen darauf ist bei Hochwasser ein Risiko, weil
        Wurzeln den Boden lockern können.“

        Die Kosten von rund 23 Millionen Euro tragen Land und Bund. Eine
        Informationsveranstaltung für Anwohner ist für den 8. Dezember im Bürgerhaus
        Hafenviertel geplant.
    """,
)

WINDPARK_BUERGERENTSCHEID = rheinblick(
    slug="buergerentscheid-windpark-stadtwald",
    number=4836,
    section="Politik",
    when=(21, 18, 50),
    headline="Bürgerentscheid über Windpark im Stadtwald am 7. März",
    authors=("Jonas Keller",),
    tags=("Windkraft", "Bürgerentscheid", "Stadtwald"),
    caption="Eine Lichtung im Stadtwald, auf der eine der Anlagen stehen soll.",
    credit="Jonas Keller",
    body="""
        Die Auenstedter Bürgerinnen und Bürger sollen am 7. März selbst entscheiden, ob im
        Stadtwald ein Windpark mit fünf Anlagen gebaut wird. Eine Bürgerinitiative hat dafür
        genug Unterschriften gesammelt, wie die Stadtverwaltung am Samstag bestätigte.

        Die Initiative „Rettet den Stadtwald“ hatte gut 4800 gültige Unterschriften
        eingereicht, erforderlich waren rund 3600. Sie lehnt den Windpark ab, weil für die
        Anlagen und die Zufahrtswege nach ihren Angaben mehrere Hektar Wald gerodet werden
        müssten.

        Die Stadtwerke, die den Windpark gemeinsam mit einer Energiegenossenschaft planen,
        halten dagegen. Die fünf Anlagen könnten rechnerisch rund 14.000 Haushalte mit Strom
        versorgen, sagte Geschäftsführer Martin Eckert. Die gerodeten Flächen würden an
        anderer Stelle vollständig wieder aufgeforstet.

        „Wir wollen, dass die Stadt beim Klimaschutz vorankommt. Aber nicht auf Kosten des
        einzigen größeren Waldes, den wir haben“, sagte Initiativensprecherin Gudrun Heller.
        Viele Menschen nutzten den Wald zur Erholung, zudem brüte dort der Rotmilan.

        Die Genossenschaft verweist darauf, dass ein Gutachten zum Artenschutz keine
        Bedenken ergeben habe. Mehr als 700 Auenstedter haben bereits Anteile gezeichnet, um
        sich an dem Projekt zu beteiligen und von den Erträgen zu profitieren.

        Damit der Bürgerentscheid gültig ist, muss die Mehrheit der abgegebenen Stimmen
        zugleich mindestens 20 Prozent der Stimmberechtigten entsprechen. Der Stadtrat hatte
        den Windpark im Frühjahr mit knapper Mehrheit befürwortet.

        Die Stadt will vor der Abstimmung eine Broschüre an alle Haushalte verschicken, in
        der beide Seiten ihre Argumente auf jeweils zwei Seiten darlegen können.
    """,
)

BAECKEREI_SCHLIESST = rheinblick(
    slug="baeckerei-kessler-altstadt-schliesst",
    number=4838,
    section="Lokales",
    when=(22, 11, 35),
    headline="Nach 120 Jahren: Bäckerei Kessler in der Altstadt schließt",
    authors=("Sophie Hartmann",),
    tags=("Altstadt", "Handwerk", "Einzelhandel"),
    caption="Gerd Kessler in seiner Backstube in der Fischergasse.",
    credit="Sophie Hartmann",
    body="""
        Die Bäckerei Kessler in der Auenstedter Altstadt schließt nach 120 Jahren zum
        Jahresende. Inhaber Gerd Kessler, der den Betrieb in vierter Generation führt, findet
        keinen Nachfolger.

        „Ich habe zwei Jahre lang gesucht, mit der Kammer, mit Inseraten und in persönlichen
        Gesprächen“, sagte der 66-Jährige. Zweimal habe es ernsthafte Interessenten gegeben,
        doch beide hätten am Ende wegen der hohen Investitionen in neue Öfen abgesagt.

        Die Backstube in der Fischergasse wurde 1906 von Kesslers Urgroßvater gegründet. Über
        Generationen versorgte sie nicht nur die Altstadt, sondern auch Gasthäuser und
        Kantinen mit Brot. Bekannt ist die Bäckerei vor allem für ihr Roggenmischbrot nach
        einem Rezept aus den Zwanzigerjahren.

        Stammkundin Ingrid Petersen kauft dort seit mehr als 50 Jahren ein. „Hier kennt man
        noch jeden mit Namen. Das geht mit der Schließung verloren“, sagte sie. Viele Kunden
        hätten in den vergangenen Tagen Blumen und Karten in den Laden gebracht.

        Die Bäckerei beschäftigt derzeit sieben Mitarbeiterinnen und Mitarbeiter. Für alle
        habe er inzwischen eine neue Stelle gefunden oder vermitteln können, sagte Kessler.
        Zwei Verkäuferinnen wechseln zu einem Betrieb im Nachbarort.

        Das Rezept für das Roggenbrot will Kessler nicht mit ins Grab nehmen: Er hat es dem
        Stadtmuseum übergeben, das es in seiner Sammlung zur Alltagsgeschichte aufbewahren
        will. Der letzte Verkaufstag ist der 31. Dezember.

        Was mit dem Ladenlokal geschieht, ist noch offen. Der Eigentümer des Hauses sagte, er
        würde es am liebsten wieder an einen Lebensmittelbetrieb vermieten.
    """,
)

ZEITUNGEN_DIGITAL = rheinblick(
    slug="stadtbibliothek-digitalisiert-historische-zeitungen",
    number=4840,
    section="Kultur",
    when=(23, 10, 10),
    headline="Stadtbibliothek digitalisiert historische Zeitungsbestände",
    authors=("Lukas Brandt", "Katrin Vogt"),
    tags=("Stadtbibliothek", "Digitalisierung", "Stadtgeschichte"),
    caption="Ein Zeitungsband aus dem Jahr 1871 im Magazin der Stadtbibliothek.",
    credit="Katrin Vogt",
    body="""
        Die Stadtbibliothek Auenstedt macht ihre historischen Zeitungsbestände im Internet
        zugänglich. Bis Ende 2027 sollen rund 180.000 Seiten örtlicher Zeitungen aus den
        Jahren 1848 bis 1950 eingescannt und durchsuchbar gemacht werden.

        Die Originale lagern bisher im Keller der Bibliothek und dürfen wegen ihres
        schlechten Zustands nur noch eingeschränkt genutzt werden. Das Papier vieler
        Jahrgänge ist brüchig geworden, einige Bände aus den Kriegsjahren sind durch
        Feuchtigkeit beschädigt.

        Das Projekt kostet rund 420.000 Euro und wird zu großen Teilen aus einem
        Förderprogramm für die Digitalisierung von Kulturgut finanziert. Die Scans übernimmt
        ein spezialisierter Dienstleister, der die Bände dafür in einem klimatisierten
        Transporter abholt.

        „Für Familienforscher, Schulklassen und Heimatvereine ist das ein Schatz“, sagte
        Bibliotheksleiterin Johanna Seidel. Bisher müssten Interessierte einen Termin
        vereinbaren und mit Handschuhen in den Bänden blättern, künftig reiche ein Computer.

        Eine besondere Herausforderung ist die Texterkennung. Viele Zeitungen sind in Fraktur
        gedruckt, die von gängiger Software nur unzuverlässig gelesen wird. Die Bibliothek
        setzt deshalb auf ein Programm, das mit historischen Schriften trainiert wurde, und
        auf Ehrenamtliche, die Fehler korrigieren.

        Wer mithelfen möchte, kann sich bei der Bibliothek melden. Eine Einführung in das
        Korrekturprogramm gibt es an zwei Abenden im Januar. Die ersten 20 Jahrgänge sollen
        bereits im Frühjahr online gehen.

        Die Bibliothek will später auch Adressbücher, Theaterzettel und Vereinschroniken aus
        ihrem Bestand digitalisieren. Dafür muss allerdings erst ein weiterer Förderantrag
        bewilligt werden.
    """,
)

STOERCHE_WINTER = rheinblick(
    slug="stoerche-ueberwintern-in-den-rheinauen",
    number=4844,
    section="Umwelt",
    when=(24, 8, 0),
    headline="Störche bleiben im Winter in den Rheinauen",
    authors=("Mehmet Yılmaz",),
    tags=("Naturschutz", "Vögel", "Rheinauen"),
    caption="Weißstörche auf einer Wiese im Naturschutzgebiet nördlich der Stadt.",
    credit="Vogelschutzverein Auenstedt",
    body="""
        Immer mehr Weißstörche verzichten auf den langen Flug nach Afrika und überwintern in
        den Rheinauen bei Auenstedt. Bei einer Zählung am vergangenen Wochenende haben
        Vogelschützer 37 Störche im Naturschutzgebiet nördlich der Stadt gezählt.

        Noch vor zwanzig Jahren war ein Storch im Winter eine Seltenheit in der Region. Heute
        ist das anders: Die milden Winter und ein gutes Nahrungsangebot auf Wiesen und
        Feldern machen den Verbleib für viele Tiere attraktiv, erklärt Ornithologe Klaus
        Berger vom örtlichen Vogelschutzverein.

        Viele Störche, die im Herbst doch aufbrechen, fliegen inzwischen nur noch bis nach
        Spanien, wo sie auf Reisfeldern und Deponien Nahrung finden. Der gefährliche Weg über
        die Sahara bleibt ihnen so erspart.

        Für die Störche, die am Rhein bleiben, kann ein strenger Winter dennoch gefährlich
        werden. Liegt länger Schnee und frieren die Gewässer zu, finden sie kaum Mäuse,
        Regenwürmer oder Frösche. „Dann sind sie geschwächt, wenn im Frühjahr die Brutzeit
        beginnt“, sagte Berger.

        Vom Füttern rät der Verein dennoch ab. Die Tiere gewöhnten sich schnell an Menschen
        und verlören ihre Scheu, was etwa an Straßen gefährlich werden könne. Nur bei einer
        geschlossenen Schneedecke über mehrere Wochen sei eine Zufütterung in Absprache mit
        Fachleuten sinnvoll.

        Die Zahl der Brutpaare in den Rheinauen ist in den vergangenen Jahren deutlich
        gestiegen. In diesem Jahr zogen 52 Paare erfolgreich Junge groß, so viele wie nie
        seit Beginn der Aufzeichnungen.

        Wer überwinternde Störche beobachtet, kann seine Sichtungen dem Verein melden, der
        die Daten für eine landesweite Erhebung sammelt.
    """,
)

STORIES: tuple[DemoArticle, ...] = (
    CHEMIEPARK_STELLEN,
    HANDBALL_DERBY,
    FLOESSEREI_AUSSTELLUNG,
    WEINLESE_BILANZ,
    DEICH_HAFENVIERTEL,
    WINDPARK_BUERGERENTSCHEID,
    BAECKEREI_SCHLIESST,
    ZEITUNGEN_DIGITAL,
    STOERCHE_WINTER,
)
