"""Tägliche Meldungen der Rheinblick Zeitung: Bausteine und Lokalkolorit (alles fiktiv).

Straßen, Schulen, Hallen und Geschäfte sind durchweg weiblich ("die Rheinstraße", "die
Lindenschule"), Vereine männlich ("der TuS Auenstedt"), damit die Vorlagen ihre Artikel
richtig beugen.
"""

from __future__ import annotations

from datetime import date

from newsroom.stories.kits import LanguageKits, Locale, StoryKit

_MONATE = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
_WOCHENTAGE = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")

KITS = (
    StoryKit(
        key="transport",
        headlines=(
            "{street} in {town}: Vollsperrung für {weeks} Wochen",
            "Kanalsanierung: {street} in {town} wird ab {later} gesperrt",
        ),
        paragraphs=(
            (
                "Die {street} in {town} wird ab dem {later} für {weeks} Wochen voll gesperrt. "
                "Wie die Stadtverwaltung am {weekday} mitteilte, muss ein eingestürzter "
                "Abwasserkanal unter der Fahrbahn erneuert werden. Der Verkehr wird großräumig "
                "umgeleitet, auch mehrere Buslinien fahren andere Wege.",
                "Autofahrer in {town} müssen sich auf eine lange Baustelle einstellen: Ab dem "
                "{later} ist die {street} für {weeks} Wochen gesperrt. Bei einer "
                "Kamerabefahrung hatten Fachleute im Herbst schwere Schäden am Kanal unter der "
                "Straße entdeckt, teilte die Stadt am {weekday} mit.",
            ),
            (
                "Auf einer Länge von rund {n_mid} Metern ist der Kanal nach Angaben des "
                "Tiefbauamts so stark beschädigt, dass Wasser unter die Fahrbahn sickert. "
                "Schlaglöcher, die erst vor Wochen geflickt wurden, sind bereits wieder "
                "aufgebrochen. Eine Reparatur im Frühjahr sei deshalb nicht vertretbar, hieß es.",
                "Der Kanal unter der Straße stammt nach Unterlagen der Stadt aus dem Jahr "
                "{year}. Bei der Untersuchung im Oktober wurden auf rund {n_mid} Metern Risse "
                "und ein teilweiser Einsturz festgestellt. Mit der Sanierung bis zum Frühjahr "
                "zu warten, hätte die Fahrbahn gefährdet, so die Verwaltung.",
            ),
            (
                "Die Geschäfte in der {street} bleiben während der Bauzeit erreichbar, "
                "Fußgänger können den Gehweg auf einer Straßenseite weiter nutzen. „Dass gebaut "
                "werden muss, versteht jeder. Aber {weeks} Wochen im Winter sind für einen "
                "kleinen Laden eine lange Zeit“, sagt {person} vom Café an der Ecke.",
                "Läden und Cafés entlang der Strecke bleiben geöffnet, Schilder sollen deutlich "
                "machen, dass die Straße nur für Fahrzeuge gesperrt ist. „Bei uns hat niemand "
                "geklingelt. Wir haben es von einem Zettel an der Laterne erfahren“, sagt "
                "{person} aus dem Friseursalon in der Straßenmitte.",
            ),
            (
                "Die Kosten für die Sanierung beziffert die Stadt auf {money}. Das Geld stammt "
                "aus dem Haushalt für den Straßenunterhalt. Nach Angaben eines Sprechers wurde "
                "die Straße in den vergangenen zwei Jahren {n_small} Mal notdürftig "
                "ausgebessert.",
                "Für die Arbeiten hat die Stadt {money} eingeplant. Anwohner mit eigenem "
                "Stellplatz erhalten Berechtigungen, um außerhalb der Arbeitszeiten zu ihren "
                "Häusern zu gelangen. Lärmintensive Arbeiten sind werktags auf die Zeit "
                "zwischen 8 und 18 Uhr beschränkt.",
            ),
        ),
        follow_up_headline="Sperrung der {street} in {town} fällt kürzer aus als geplant",
        caption="Die {street} in {town}: Hier beginnen am {later} die Bauarbeiten.",
        tags=("{town}", "Baustellen", "Verkehr"),
    ),
    StoryKit(
        key="schools",
        headlines=(
            "{school} sammelt {money} für neue Bibliothek",
            "Spendenaktion an der {school} übertrifft ihr Ziel",
        ),
        paragraphs=(
            (
                "Schülerinnen und Schüler der {school} in {town} haben {money} für eine neue "
                "Schulbibliothek gesammelt und damit ihr Ziel Wochen früher erreicht als "
                "geplant. Das Geld kam bei Spendenläufen, Kuchenverkäufen und einem Quizabend "
                "zusammen, der am {weekday} die Aula füllte.",
                "Die Spendenaktion für eine neue Bibliothek an der {school} in {town} hat ihr "
                "Ziel übertroffen. Seit Beginn des Schuljahres haben Kinder, Eltern und "
                "Lehrkräfte {money} gesammelt, wie die Schulleitung am {weekday} bei einer "
                "Versammlung bekannt gab.",
            ),
            (
                "Die alte Bibliothek der Schule war im vergangenen Jahr geschlossen worden, "
                "nachdem in den Wänden des Raums Feuchtigkeit gefunden worden war. Seitdem "
                "lagern die Bücher in Kisten und auf Rollwagen in den Fluren, die Klassen "
                "leihen sie abwechselnd in der Mittagspause aus.",
                "Den Anstoß gab eine Überprüfung, nach der die Schule zu wenige Bücher für die "
                "Zahl ihrer Schülerinnen und Schüler hatte, viele davon älter als zwanzig "
                "Jahre. Das Kollegium hatte sich im September ein Ziel gesetzt und erwartet, es "
                "bis Ostern zu erreichen.",
            ),
            (
                "„Kinder, die noch nie etwas organisiert hatten, haben Stände betreut und "
                "Wechselgeld gezählt“, sagt {person} aus der Schulleitung. „Die Bibliothek "
                "wird ihnen gehören, wie es kein Zuschuss hätte bewirken können.“",
                "„So etwas habe ich in all den Jahren an Schulen noch nicht erlebt“, sagt "
                "{person} aus der Schulleitung. „Die Klassen haben gegeneinander gewetteifert, "
                "Eltern haben nachts gebacken, und der Hausmeister ist einen Halbmarathon im "
                "Gorillakostüm gelaufen.“",
            ),
            (
                "Von dem Geld sollen Regale, Möbel und rund {n_big} neue Bücher gekauft werden, "
                "die ein Ausschuss aus Schülerinnen und Schülern auswählt. Der Umbau zweier "
                "früherer Klassenräume soll in den Weihnachtsferien beginnen, eröffnet werden "
                "soll die Bibliothek im Frühjahr.",
                "Angeschafft werden sollen rund {n_big} Bücher, bequeme Sitzmöbel und ein "
                "kleiner Lesegarten vor dem neuen Raum. Eine Gruppe von Schülerinnen und "
                "Schülern wählt die Titel mit aus, mehrere Autorinnen und Autoren aus der "
                "Region haben Lesungen angeboten.",
            ),
        ),
        follow_up_headline="Neue Bibliothek der {school} öffnet im Frühjahr",
        caption="Schülerinnen und Schüler der {school} mit einigen der neuen Bücher.",
        tags=("{school}", "Schulen", "{town}"),
    ),
    StoryKit(
        key="business",
        headlines=(
            "Nach {n_years} Jahren: {business} in {town} schließt",
            "Aus für die {business}: Inhaber geben zum Jahresende auf",
        ),
        paragraphs=(
            (
                "Die {business} in der {street} in {town} schließt nach {n_years} Jahren zum "
                "Jahresende. Das teilten die Inhaber am {weekday} mit. Als Gründe nannten sie "
                "gestiegene Energiekosten, eine deutlich höhere Miete und immer weniger "
                "Kundschaft in der Innenstadt.",
                "Nach {n_years} Jahren ist Schluss: Die Inhaber der {business} in {town} haben "
                "am {weekday} angekündigt, das Geschäft in der {street} zum Jahresende "
                "aufzugeben. Die Kosten für Energie und Miete seien schneller gestiegen, als sie "
                "die Preise hätten anheben können.",
            ),
            (
                "In einem Aushang im Schaufenster bedanken sich die Inhaber bei ihrer "
                "Kundschaft. „Wir haben alles versucht, von kürzeren Öffnungszeiten bis zu "
                "einem kleineren Sortiment, aber die Zahlen gehen einfach nicht auf“, heißt es "
                "darin. Das Geschäft beschäftigt {n_small} Menschen, ihnen allen wurde Hilfe "
                "bei der Stellensuche angeboten.",
                "Die Entscheidung sei die schwerste ihres Berufslebens gewesen, sagen die "
                "Inhaber. Die Stromrechnung habe sich in drei Jahren mehr als verdoppelt, und "
                "bei der Verlängerung des Mietvertrags im Sommer habe der Vermieter mehr "
                "verlangt. Das Geschäft beschäftigt {n_small} Menschen.",
            ),
            (
                "Für die Stammkundschaft ist die Nachricht ein Schlag. „Das ist nicht einfach "
                "ein Laden. Hier erfährt man, was in der Stadt los ist, und wer allein lebt, hat "
                "hier jeden Morgen ein Gespräch“, sagt {person}, Stammgast seit Kindertagen.",
                "Stammkunden reagieren traurig, aber nicht überrascht. „Man hat gesehen, wie "
                "die Straße jedes Jahr leerer wurde. Seit die Bankfiliale weg ist, kommt kaum "
                "noch jemand in die Stadt“, sagt {person} beim Einkauf am {weekday}nachmittag.",
            ),
            (
                "Nach Zahlen des örtlichen Gewerbevereins stehen in der Innenstadt inzwischen "
                "{percent} Prozent der Ladenlokale leer, so viele wie seit mindestens zehn "
                "Jahren nicht. Der Verein fordert niedrigere Gewerbesteuern und kostenloses "
                "Parken an Nachmittagen unter der Woche.",
                "Die Schließung reiht sich ein in eine Serie in der {street}, wo in den "
                "vergangenen zwei Jahren bereits eine Bankfiliale, ein Schuhgeschäft und ein "
                "Zeitschriftenladen aufgegeben haben. Die Händler fordern günstigere "
                "Parkgebühren und mehr Markttage in der Innenstadt.",
            ),
        ),
        follow_up_headline="{business} in {town} hat einen Nachfolger gefunden",
        caption="Die {business} in der {street} in {town}.",
        tags=("{town}", "Einzelhandel", "Innenstadt"),
    ),
    StoryKit(
        key="culture",
        headlines=(
            "Winterfest in der {venue}: {n_mid} Mitwirkende auf dem Programm",
            "Winterfest {town} wird so groß wie nie",
        ),
        paragraphs=(
            (
                "Das Winterfest {town} kehrt am {later} in die {venue} zurück, mit {n_mid} "
                "Mitwirkenden, einem Kunsthandwerkermarkt und einem Laternenumzug durch die "
                "Altstadt. Das kündigten die Veranstalter am {weekday} an. Die meisten Angebote "
                "sind kostenlos, erwartet werden rund {crowd} Besucherinnen und Besucher.",
                "Das Winterfest {town} wird in diesem Jahr so groß wie nie seit seiner ersten "
                "Ausgabe im Jahr {year}. Ab dem {later} stehen in der {venue} {n_mid} "
                "Musikerinnen, Tänzer und Erzählerinnen auf dem Programm, teilten die "
                "Veranstalter am {weekday} mit.",
            ),
            (
                "Zum Programm gehören ein Chor mit {n_big} Sängerinnen und Sängern aus Schulen "
                "der Region, ein Folkabend mit Bands aus der Umgebung und erstmals eine Silent "
                "Disco im großen Saal. Der Vorverkauf für die Abendkonzerte beginnt in der "
                "kommenden Woche.",
                "Zu den Höhepunkten gehören in diesem Jahr ein Blasmusikwettbewerb, ein "
                "Puppentheater für die Jüngsten und ein Leseabend mit Autorinnen und Autoren "
                "aus der Region. Ein Markt mit {stalls} Ständen ist das ganze Wochenende "
                "geöffnet, der Umzug startet am Samstag bei Einbruch der Dunkelheit.",
            ),
            (
                "„Der Winter kann eine einsame Zeit sein. An einem Wochenende wollen wir die "
                "ganze Stadt an einem Ort haben, schief singend und viel zu viel essend“, sagt "
                "{person} von der Festivalleitung.",
                "„Angefangen haben wir mit einer Handvoll Freunde und einer geliehenen Bühne. "
                "Heute haben wir eine Warteliste für Mitwirkende, und das ist ein schönes "
                "Problem“, sagt {person}, seit den Anfängen ehrenamtlich dabei.",
            ),
            (
                "Das Fest wird von Ehrenamtlichen organisiert und aus Eintrittsgeldern, "
                "Sponsoren und einem Zuschuss der Stadt in Höhe von {money} finanziert. Die "
                "Veranstalter suchen noch Helferinnen und Helfer sowie Familien, die auswärtige "
                "Mitwirkende für zwei Nächte aufnehmen.",
                "Das Fest kostet nach Angaben der Veranstalter rund {money}, das meiste davon "
                "wird über Eintritt und Sponsoren eingenommen. An beiden Tagen fahren "
                "kostenlose Shuttlebusse aus den umliegenden Dörfern, für den Aufbau werden "
                "noch Freiwillige gesucht.",
            ),
        ),
        follow_up_headline="Winterfest {town} ausverkauft: Zusatztermine angekündigt",
        caption="Der Laternenumzug des Winterfests zieht durch {town}.",
        tags=("{town}", "Feste", "Kultur"),
    ),
    StoryKit(
        key="sport",
        headlines=(
            "{team} schlägt {rival} mit {score_for}:{score_against}",
            "{team} siegt vor {crowd} Zuschauern gegen {rival}",
        ),
        paragraphs=(
            (
                "Der {team} hat am {weekday} den {rival} mit {score_for}:{score_against} "
                "geschlagen und ist in der {league} auf den dritten Platz geklettert. So gut "
                "stand die Mannschaft zu diesem Zeitpunkt der Saison seit {n_small} Jahren "
                "nicht da.",
                "Vor {crowd} Zuschauern hat der {team} am {weekday} gegen den {rival} mit "
                "{score_for}:{score_against} gewonnen. Mit dem Sieg verbessert sich die "
                "Mannschaft auf den dritten Tabellenplatz der {league} und darf weiter auf den "
                "Aufstieg hoffen.",
            ),
            (
                "Die Gäste begannen stärker und trafen in den ersten zehn Minuten den Pfosten. "
                "Danach fand der {team} besser ins Spiel und ging in der {minute}. Minute in "
                "Führung, als Kapitän {player} eine Ecke am langen Pfosten einköpfte.",
                "Die erste Halbzeit war zerfahren, mit wenigen Chancen auf beiden Seiten. Nach "
                "dem Wechsel wurde das Spiel offener, und {player}, Kapitän des {team}, war an "
                "fast allem beteiligt, was der Heimelf gelang.",
            ),
            (
                "„Wir haben der Mannschaft in der Pause gesagt, sie soll den Ball laufen lassen "
                "und geduldig bleiben, und genau das hat sie getan“, sagte Trainer {coach}. "
                "„Der Weg ist noch weit, aber die Kabine glaubt jetzt daran.“",
                "„Ich bin stolz darauf, wie die Mannschaft drangeblieben ist“, sagte Trainer "
                "{coach}. „Der {rival} ist ein gutes Team und hat uns jeden Ball erkämpfen "
                "lassen, aber wir wollten es heute mehr.“",
            ),
            (
                "Am kommenden Wochenende muss der {team} beim Tabellenführer antreten, danach "
                "folgen zwei Heimspiele vor der Winterpause. Dauerkarten für die Rückrunde gibt "
                "es ab dem {later}, Jugendliche unter 16 Jahren zahlen den halben Preis.",
                "Nach Angaben des Vereins kamen so viele Zuschauer wie noch nie in dieser "
                "Saison. Schon am {later_weekday} steht für den {team} das nächste "
                "Auswärtsspiel an, mit einem Sieg würde die Mannschaft auf einen Aufstiegsplatz "
                "springen.",
            ),
        ),
        follow_up_headline="Nach Sieg gegen {rival}: {team} muss wochenlang auf Kapitän verzichten",
        caption="Jubel beim {team} nach dem Führungstor gegen den {rival}.",
        tags=("{team}", "{league}", "Fußball"),
        asides=(
            "Die Anhänger blieben nach dem Abpfiff noch lange im Stadion und feierten die "
            "Mannschaft. „So gut habe ich sie seit Jahren nicht spielen sehen“, sagte {person2}, "
            "seit {n_years} Jahren Mitglied im Verein.",
            "Auch die A-Jugend des Vereins gewann am Wochenende, mehrere ihrer Spieler trainieren "
            "in dieser Saison bereits mit der ersten Mannschaft. Der Trainer rechnet damit, dass "
            "mindestens zwei von ihnen noch vor dem Jahresende ihr Debüt geben.",
            "Die Arbeiten an der neuen Flutlichtanlage sollen im kommenden Monat abgeschlossen "
            "sein. Dann kann der Verein erstmals seit zehn Jahren wieder Abendspiele austragen. "
            "Das Projekt kostet rund {money}, aufgebracht vor allem von den Mitgliedern.",
            "Einen Wermutstropfen gab es für die Gastgeber: Ein Abwehrspieler musste in der "
            "zweiten Halbzeit mit einer Knieverletzung vom Platz und wird in dieser Woche "
            "untersucht.",
            "Karten für das nächste Heimspiel gibt es in der Geschäftsstelle und online. Kinder "
            "unter 16 Jahren haben in Begleitung eines Erwachsenen freien Eintritt.",
            "Der Schiedsrichter, der {n_small} Spieler verwarnte, bekam nach einer umkämpften, "
            "aber fairen Partie Beifall von beiden Fanlagern.",
            "Unter den Zuschauern war auch {person2}, in den Achtzigerjahren selbst für den "
            "Verein am Ball. „Die Mannschaft hat heute Charakter gezeigt“, lautete das Urteil.",
            "Die Frauenmannschaft des Vereins, die auf derselben Anlage spielt, tritt am "
            "{later_weekday} zu ihrem nächsten Heimspiel an. Der Verein hofft auf einen "
            "ähnlichen Zuspruch.",
        ),
    ),
    StoryKit(
        key="housing",
        headlines=(
            "{n_big} Wohnungen auf dem {site} in {town} geplant",
            "Investor stellt Pläne für {n_big} Wohnungen in {town} vor",
        ),
        paragraphs=(
            (
                "Auf dem {site} in {town} sollen {n_big} Wohnungen entstehen. Der Investor "
                "stellte seine Pläne am {weekday} erstmals öffentlich vor und versprach, "
                "{percent} Prozent der Wohnungen unter der ortsüblichen Miete anzubieten. Das "
                "Gelände liegt seit mehr als {n_small} Jahren brach.",
                "Ein Investor hat Pläne für {n_big} Wohnungen, einen kleinen Park und ein "
                "Ärztehaus auf dem {site} in {town} vorgelegt. Der geförderte Anteil soll bei "
                "{percent} Prozent liegen, wie am {weekday} bei einer Bürgerversammlung bekannt "
                "wurde.",
            ),
            (
                "Das Gelände wurde während des größten Teils des vergangenen Jahrhunderts "
                "industriell genutzt und muss vor dem Bau saniert werden. Allein die Beseitigung "
                "der Altlasten kostet nach Schätzung des Investors {millions}. Erst die Zahl der "
                "Wohnungen mache das Vorhaben wirtschaftlich, heißt es.",
                "Mehr als hundert Jahre lang wurde auf dem Gelände produziert, Gutachten haben "
                "Öl und Schwermetalle im Boden nachgewiesen. Die Sanierung soll {millions} "
                "kosten. Nach Darstellung des Investors lässt sich das nur mit der geplanten "
                "Dichte wieder einspielen.",
            ),
            (
                "„Dass die Stadt Wohnungen braucht, bestreitet niemand. Aber es gibt eine "
                "Straße hinein und eine hinaus. Wenn am Ende davon {n_big} Familien wohnen, "
                "kommt morgens keiner mehr aus der Einfahrt“, sagt {person} aus der "
                "Nachbarschaft.",
                "Bei der Versammlung waren die Meinungen geteilt. „Meine Kinder können sich das "
                "Wohnen in der Stadt, in der sie aufgewachsen sind, nicht leisten, deshalb bin "
                "ich dafür“, sagte {person}. Andere sorgten sich um Kitaplätze, Arzttermine und "
                "das Parken in den engen Straßen rund um das Gelände.",
            ),
            (
                "Ein Bauantrag soll im Frühjahr folgen. Wird er genehmigt, könnten die ersten "
                "Wohnungen in zwei Jahren fertig sein. Insgesamt soll das Quartier in {n_small} "
                "Bauabschnitten entstehen.",
                "Der Investor will den Bauantrag Anfang kommenden Jahres einreichen. Das letzte "
                "Wort hat der Stadtrat. Das Planungsamt kündigte an, alle im "
                "Beteiligungsverfahren eingegangenen Stellungnahmen zu veröffentlichen.",
            ),
        ),
        follow_up_headline="Nach Einwänden: Stadtrat vertagt Entscheidung über Wohnungen in {town}",
        caption="Blick auf das {site} in {town}.",
        tags=("{town}", "Wohnen", "Stadtentwicklung"),
    ),
)

REACTIONS = (
    "Nicht alle sind überzeugt. „Ich glaube es erst, wenn es fertig ist“, sagt {person2}, seit "
    "{n_years} Jahren in {town} zu Hause. Ähnliche Versprechen habe man in der Vergangenheit "
    "schon oft gehört.",
    "{person2} vom Bürgerverein {town} begrüßt die Nachricht grundsätzlich, mahnt aber Klarheit "
    "an. „Die Leute wollen wissen, was das für sie bedeutet, in einfachen Worten, und sie wollen "
    "vorher gefragt werden und nicht hinterher.“",
    "In den sozialen Netzwerken fielen die Reaktionen gemischt aus. Manche nannten den Schritt "
    "überfällig, andere fragten, warum {town} so lange gewartet habe. Eine Onlinepetition von "
    "{person2} hatte bis zum {weekday}abend {n_big} Unterschriften gesammelt.",
    "Für den örtlichen Gewerbeverein kommt die Nachricht zur Unzeit. „Im Dezember verdienen wir "
    "das Geld, das uns durch Januar und Februar trägt“, sagt {person2} vom Vorstand.",
    "Die Opposition im Stadtrat will das Thema in der nächsten Sitzung auf die Tagesordnung "
    "setzen. Die Öffentlichkeit habe „eine ordentliche Erklärung verdient, wie diese "
    "Entscheidung zustande gekommen ist“, sagte {person2}, Ratsmitglied aus {town2}.",
    "Bei Passantinnen und Passanten stößt das Vorhaben überwiegend auf Zustimmung. „Es wird "
    "Zeit, dass hier etwas passiert“, sagt {person2} bei einem Spaziergang mit dem Hund.",
    "{person2} von einer Initiative in {town2} sieht in der Ankündigung ein Zeichen, dass sich "
    "Engagement lohnt. „Von allein passiert hier nichts. Irgendwer musste immer wieder "
    "nachfragen.“",
    "Manche Anwohner haben nach eigenen Angaben erst aus der Zeitung davon erfahren. „Über die "
    "Müllabfuhr bekommen wir Faltblätter, darüber nicht“, sagt {person2}, seit Kindertagen in "
    "der Nachbarschaft zu Hause.",
)

CLOSINGS = (
    "Eine Informationsveranstaltung findet am {later} in der {venue} statt. Wer nicht kommen "
    "kann, kann seine Anregungen bis Ende des Monats schriftlich bei der Stadt einreichen.",
    "Die Rheinblick Zeitung hat bei der Stadtverwaltung den vollständigen Bericht angefordert, "
    "auf dem die Entscheidung beruht, und wird darüber berichten.",
    "Weitere Informationen, darunter eine Karte des betroffenen Bereichs, gibt es auf der "
    "Internetseite der Stadt und im Bürgerbüro, das von Montag bis Samstag geöffnet ist.",
    "Für Fragen ist das Bürgertelefon der Stadt erreichbar. In den kommenden Wochen will die "
    "Verwaltung regelmäßig über den Stand informieren.",
    "Der Stadtrat wird sich voraussichtlich im neuen Jahr erneut mit dem Thema befassen, wenn "
    "über die Finanzierung endgültig entschieden wird.",
    "Weitere Informationen sollen folgen, „sobald wir sie haben, und keinen Tag später“, sagte "
    "{person3} für die Veranstalter.",
    "Eine Zusammenfassung der Pläne soll vor Beginn der Arbeiten an alle Haushalte im "
    "betroffenen Gebiet verteilt werden, teilte die Stadt mit.",
    "Die Unterlagen liegen während der Öffnungszeiten in der {venue} aus. Die Rheinblick "
    "Zeitung bleibt an dem Thema dran.",
)

UPDATE_NOTES = (
    "Aktualisiert am {date}: Der Artikel wurde um eine Stellungnahme der Stadtverwaltung "
    "ergänzt. Man kenne die geäußerten Bedenken und werde ausführlich darauf antworten, hieß es.",
    "Korrektur vom {date}: In einer früheren Fassung dieses Artikels war eine Zahl im dritten "
    "Absatz falsch angegeben. Zudem wurden Angaben ergänzt, die nach der Veröffentlichung "
    "bekannt wurden.",
    "Nachtrag vom {date}: {person3} teilte der Redaktion am {weekday} mit, dass für den {later} "
    "ein Gesprächstermin zu dem Thema vereinbart worden sei.",
    "Aktualisiert am {date}: In einer früheren Fassung war ein falsches Datum für die nächste "
    "Sitzung genannt. Sie findet am {later_weekday}, {later}, statt.",
)


def _datum(day: date) -> str:
    return f"{day.day}. {_MONATE[day.month - 1]}"


def _euro(amount: int) -> str:
    return f"{amount:,} Euro".replace(",", ".")


RHEINBLICK = Locale(
    outlet="rheinblick",
    language=LanguageKits(
        kits=KITS,
        reactions=REACTIONS,
        closings=CLOSINGS,
        update_notes=UPDATE_NOTES,
        weekdays=_WOCHENTAGE,
        date_text=_datum,
    ),
    authors=(
        "Anna Weber",
        "Jonas Keller",
        "Katrin Vogt",
        "Lukas Brandt",
        "Mehmet Yılmaz",
        "Sophie Hartmann",
    ),
    credit="{author}",
    sections={
        "transport": "Verkehr",
        "schools": "Bildung",
        "business": "Wirtschaft",
        "culture": "Kultur",
        "sport": "Sport",
        "housing": "Lokales",
    },
    towns=("Auenstedt", "Hollerbach", "Kellingen", "Oberwiesen", "Lindenfeld", "Brückheim"),
    streets=(
        "Rheinstraße",
        "Hafenstraße",
        "Lindenallee",
        "Bahnhofstraße",
        "Kirchgasse",
        "Mühlenstraße",
        "Schillerstraße",
    ),
    venues=(
        "Stadthalle Auenstedt",
        "Markthalle am Hafen",
        "Kulturhalle Hollerbach",
        "Rheinhalle",
        "Festhalle Kellingen",
    ),
    schools=(
        "Gesamtschule Auenstedt",
        "Grundschule Hollerbach",
        "Lindenschule",
        "Rheinschule Kellingen",
        "Realschule Oberwiesen",
    ),
    teams=("TuS Auenstedt", "SV Hollerbach", "FC Kellingen", "VfR Oberwiesen", "SC Lindenfeld"),
    sites=(
        "Gelände der früheren Brauerei",
        "Gelände des alten Gaswerks",
        "Gelände des ehemaligen Busbahnhofs",
        "Gelände der alten Ziegelei",
    ),
    businesses=(
        "Bäckerei Brenner",
        "Buchhandlung Lesezeichen",
        "Metzgerei Hofmann",
        "Konditorei Wagner",
        "Gärtnerei Lindner",
        "Drogerie Kessler",
    ),
    players=(
        "Jan Schröder",
        "Tim Hoffmann",
        "Marco Richter",
        "Dennis Wolf",
        "Kevin Lang",
        "Stefan Koch",
    ),
    people=(
        "Petra Schuster",
        "Klaus Reinhardt",
        "Sabine Krämer",
        "Thomas Albers",
        "Aylin Demir",
        "Heinz Buchholz",
        "Julia Neumann",
        "Frank Stein",
    ),
    words={"league": "Bezirksliga"},
    money=_euro,
    millions=lambda amount: f"{amount:.1f} Millionen Euro".replace(".", ","),
    count=lambda number: f"{number:,}".replace(",", "."),
)
