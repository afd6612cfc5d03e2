"""Daily story kits in English, and the local colour of the Harbour Ledger and Valley Courier.

The two outlets share the kits; words that differ between British and American papers
("pupils" and "students", "per cent" and "percent") are slots their locales fill.
"""

from __future__ import annotations

from datetime import date

from newsroom.stories.kits import LanguageKits, Locale, StoryKit

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

KITS = (
    StoryKit(
        key="transport",
        headlines=(
            "{street} in {town} to close for {weeks} weeks of drain repairs",
            "Drivers face {weeks}-week closure of {street} in {town}",
        ),
        paragraphs=(
            (
                "{street} in {town} will close to through traffic for {weeks} weeks from "
                "{later} while contractors replace a collapsed drain and resurface the road, "
                "{council} said on {weekday}. Buses will be diverted, and a signed detour will "
                "add about {n_small} miles to some journeys.",
                "Contractors working for {council} will shut {street} in {town} for {weeks} "
                "weeks from {later}, the authority confirmed on {weekday}, after a survey found "
                "that the drain beneath the road had partly collapsed. Cars, buses and delivery "
                "vans will follow a signed diversion.",
            ),
            (
                "Engineers found a stretch of damaged pipe about {n_mid} {length_unit} long "
                "during an inspection in the autumn. Water has been seeping under the road "
                "surface since, leaving potholes that open up again within days of being "
                "filled, and the council said the repair could not wait until the spring.",
                "The drain under the road dates from {year}, according to council records, and "
                "a camera survey in October found cracks and a partial collapse along about "
                "{n_mid} {length_unit} of its length. Officials said that waiting for the "
                "spring risked the road surface giving way.",
            ),
            (
                "Businesses on the street will stay open throughout, and the {pavement} on one "
                'side will remain open to pedestrians. "We understand it has to be done, but '
                '{weeks} weeks in winter is a long time for a small {shop}," said {person}, who '
                "runs a café near the junction.",
                "Shops and cafés along the route will remain open, and signs will make clear "
                'that the street is closed only to vehicles. "Nobody knocked on our doors. We '
                'found out from a notice tied to a lamp post," said {person}, who owns a '
                "hairdresser's halfway along.",
            ),
            (
                "The work is expected to cost {money}, paid from the council's road "
                "maintenance budget. A spokesperson said the road had been patched {n_small} "
                "times in the past two years and that a permanent repair would save money in "
                "the long run.",
                "The council has set aside {money} for the scheme. Residents with off-street "
                "parking will be given permits to reach their homes outside working hours, and "
                "the contractor has promised to keep noisy work to between 8am and 6pm on "
                "weekdays.",
            ),
        ),
        follow_up_headline="{street} closure in {town} to be shortened after traders complain",
        caption="{street} in {town}, where the repairs are due to begin on {later}.",
        tags=("{town}", "Roads", "{council}"),
    ),
    StoryKit(
        key="schools",
        headlines=(
            "{school} {pupils} raise {money} for a new library",
            "Library appeal at {school} passes its target",
        ),
        paragraphs=(
            (
                "{pupils_cap} at {school} in {town} have raised {money} towards a new library, "
                "beating the target they set themselves in September by several weeks. The "
                "money came from sponsored walks, bake sales and a quiz night that filled the "
                "school hall on {weekday}.",
                "A fundraising appeal for a new library at {school} in {town} has passed its "
                "target, with {pupils} and parents collecting {money} since the start of the "
                "school year. The final total was announced at an assembly on {weekday} "
                "morning.",
            ),
            (
                "The school's old library was closed last year after damp was found in the "
                "walls of the room it occupied. Since then, books have been kept in boxes and "
                "on trolleys in corridors, and classes have taken turns to borrow them at "
                "lunchtime.",
                "The appeal began after an inspection found that the school had too few books "
                "for the number of {pupils} and that many of those it had were more than twenty "
                "years old. Staff set a target in September and expected to reach it by "
                "Easter.",
            ),
            (
                "{person}, the {head}, said the response had gone far beyond what staff "
                'expected. "Children who had never organised anything in their lives were '
                "running stalls and counting change. The library will be theirs in a way no "
                'grant could have made it," {person} said.',
                '"I have worked in schools for a long time and I have never seen anything like '
                'it," said {person}, the {head}. "Classes competed against each other, parents '
                "baked through the night, and the caretaker ran a half-marathon in a gorilla "
                'suit."',
            ),
            (
                "The money will pay for shelving, furniture and about {n_big} new books chosen "
                "by a committee of {pupils}. Building work to convert two former classrooms is "
                "due to start during the {holidays}, with the aim of opening the library in the "
                "spring.",
                "The school plans to spend the money on about {n_big} books, comfortable "
                "seating and a small reading garden outside the new room. A group of {pupils} "
                "will help choose the titles, and local authors have offered to visit once the "
                "library opens.",
            ),
        ),
        follow_up_headline="New library at {school} to open its doors in the spring",
        caption="{pupils_cap} at {school} with some of the books bought with the money raised.",
        tags=("{school}", "Education", "{town}"),
    ),
    StoryKit(
        key="business",
        headlines=(
            "{business} in {town} to close after {n_years} years",
            "End of an era as {business} announces its closure",
        ),
        paragraphs=(
            (
                "{business}, a fixture of {street} in {town} for {n_years} years, will close "
                "its doors at the end of the year, its owners announced on {weekday}. They "
                "blamed rising energy bills, a steep increase in rent and a fall in the number "
                "of people visiting the town centre.",
                "The owners of {business} on {street} in {town} said on {weekday} that they "
                "would close the business at the end of the year, after {n_years} years of "
                "trading. Energy and rent costs had risen faster than they could raise prices, "
                "they said.",
            ),
            (
                "In a message posted in the window and online, the owners thanked customers for "
                'their loyalty. "We have tried everything we could think of, from shorter hours '
                'to a smaller range, and the numbers still do not add up," they wrote. The '
                "business employs {n_small} people, all of whom have been offered help finding "
                "new work.",
                "The owners said the decision had been the hardest of their working lives. "
                "Their electricity bill has more than doubled in three years, they said, and "
                "the landlord asked for more rent when the lease came up for renewal in the "
                "summer. The business employs {n_small} people.",
            ),
            (
                '"It is not just a {shop}. It is where you find out what is going on in town, '
                'and where people who live alone get a conversation every morning," said '
                "{person}, who has been a customer since childhood.",
                'Regular customers said they were saddened but not surprised. "You could see '
                "the street getting quieter every year. When the bank went, people stopped "
                'coming into town for anything," said {person}, who stopped by on {weekday} '
                "afternoon.",
            ),
            (
                "Figures from the local chamber of commerce suggest that {percent} {per_cent} "
                "of units in the town centre are now empty, the highest share for at least a "
                "decade. The chamber has called for lower local taxes and free parking on "
                "weekday afternoons.",
                "The closure is the latest in a series along {street}, where a bank, a shoe "
                "{shop} and a newsagent have shut in the past two years. Local traders have "
                "asked the council to review parking charges and to hold more markets in the "
                "town centre.",
            ),
        ),
        follow_up_headline="Buyer found for {business} in {town}, owners confirm",
        caption="{business} on {street}, which has traded in {town} for {n_years} years.",
        tags=("{town}", "Business", "Town centres"),
    ),
    StoryKit(
        key="culture",
        headlines=(
            "Winter festival returns to {venue} with {n_mid} performers",
            "{town} winter festival promises its biggest programme yet",
        ),
        paragraphs=(
            (
                "The {town} winter festival will return to {venue} on {later} with {n_mid} "
                "performers, a craft market and a lantern procession through the town, "
                "organisers announced on {weekday}. Most events are free, and the organisers "
                "expect about {crowd} visitors over the weekend.",
                "Organisers of the {town} winter festival said on {weekday} that this year's "
                "event, at {venue} from {later}, would be the largest since it began in {year}, "
                "with {n_mid} musicians, dancers and storytellers on the programme.",
            ),
            (
                "The programme includes a choir of {n_big} singers drawn from schools across "
                "the area, a folk night with local bands and, for the first time, a silent "
                "disco in the main hall. Tickets for the evening concerts go on sale next week "
                "and are expected to sell quickly.",
                "Highlights this year include a brass band contest, a puppet theatre for "
                "younger children and an evening of readings by writers from across the "
                "region. A food market with {stalls} stalls will run all weekend, and the "
                "procession will set off at dusk on the Saturday.",
            ),
            (
                "{person}, the festival's director, said the aim was to give people a reason to "
                'come out on dark evenings. "Winter can be a lonely time. For one weekend we '
                'want the whole town in the same place, singing badly and eating too much," '
                "{person} said.",
                '"We started with a handful of friends and a borrowed stage. Now we have a '
                'waiting list of performers, which is a lovely problem to have," said '
                "{person}, who has volunteered for the festival since it began.",
            ),
            (
                "The festival is run by volunteers and funded by ticket sales, local sponsors "
                "and a grant of {money} from the council. Organisers are still looking for "
                "stewards and for families willing to host visiting performers for two nights.",
                "Organisers said the festival costs about {money} to stage, most of it raised "
                "through ticket sales and sponsorship. Free shuttle buses will run from "
                "outlying villages on both days, and volunteers are still needed to help set "
                "up.",
            ),
        ),
        follow_up_headline="Extra dates added as {town} winter festival sells out",
        caption="The lantern procession on its way through {town} at last year's festival.",
        tags=("{town}", "Festivals", "Culture"),
    ),
    StoryKit(
        key="sport",
        headlines=(
            "{team} beat {rival} {score_for}-{score_against} to climb the table",
            "{team} see off {rival} in front of a crowd of {crowd}",
        ),
        paragraphs=(
            (
                "{team} beat {rival} {score_for}-{score_against} on {weekday} to move up to "
                "third place in the {league}, their best position at this stage of the season "
                "for {n_small} years. A crowd of {crowd} saw the home side take control after "
                "the break.",
                "A crowd of {crowd} watched {team} beat {rival} {score_for}-{score_against} on "
                "{weekday}, a result that lifts them to third in the {league} and keeps alive "
                "their hopes of promotion.",
            ),
            (
                "The visitors started the brighter side and hit the post in the first ten "
                "minutes, but {team} grew into the game and went ahead after {minute} minutes "
                "when their captain, {player}, headed in a corner at the far post.",
                "The first half was tight, with few chances at either end, but the game opened "
                "up after the interval and {player}, the {team} captain, was at the heart of "
                "everything the home side did well.",
            ),
            (
                '"We told the players at half-time to keep the ball and be patient, and they '
                'did exactly that," said the manager, {coach}. "There is a long way to go, but '
                'the dressing room believes now."',
                '"I am proud of how they stuck at it," said {coach}, the manager. "{rival} are '
                "a good side and made us work for every ball, but we wanted it more "
                'today."',
            ),
            (
                "{team} travel to the league leaders next weekend before two home games in the "
                "run-up to Christmas. Season tickets for the second half of the season go on "
                "sale on {later}, with discounts for under-16s.",
                "The club said the crowd was the largest at the ground this season. {team} are "
                "next in action away from home on {later_weekday}, when a win would take them "
                "into the promotion places.",
            ),
        ),
        follow_up_headline="{team} captain ruled out for a month after win over {rival}",
        caption="{team} players celebrate the opening goal against {rival}.",
        tags=("{team}", "{league}", "Football"),
        asides=(
            "Supporters stayed behind after the final whistle to applaud the players off. "
            '"This is the best I have seen them play in years," said {person2}, who has '
            "followed the club for {n_years} years.",
            "The club's youth team also won at the weekend, and several of its players have "
            "trained with the first team this season. The manager expects at least two of them "
            "to make their debuts before the end of the year.",
            "Work on new floodlights at the ground is due to finish next month, allowing the "
            "club to play evening matches for the first time in a decade. The project has cost "
            "about {money}, raised largely by supporters.",
            "There was one worry for the home side: a defender limped off in the second half "
            "with a knee injury and will have a scan later this week.",
            "Tickets for the next home game are available from the club shop and online. "
            "Under-16s get in free when accompanied by an adult.",
            "The referee, who booked {n_small} players, was applauded off by both sets of "
            "supporters after a committed but good-natured game.",
            "Among the crowd was {person2}, who played for the club in the 1980s and still helps "
            'out on match days. "The players showed real character today," {person2} said.',
            "The club's women's team, which shares the ground, play their next home game on "
            "{later_weekday}, and the club hopes for a similar turnout.",
        ),
    ),
    StoryKit(
        key="housing",
        headlines=(
            "Plans for {n_big} homes on {site} in {town} go on show",
            "Developer unveils plans to build {n_big} homes in {town}",
        ),
        paragraphs=(
            (
                "Plans to build {n_big} homes on {site} in {town} went on public display on "
                "{weekday}, with the developer promising that {percent} {per_cent} of them "
                "would be offered at below-market rents. The site has stood empty for more than "
                "{n_small} years.",
                "A developer has unveiled plans for {n_big} homes, a small park and a health "
                "centre on {site} in {town}. The proposals, shown to residents for the first "
                "time on {weekday}, include {percent} {per_cent} affordable housing, below the "
                "share the council's own policy asks for.",
            ),
            (
                "The site was used for industry for much of the last century and will need to "
                "be cleaned up before any building can start. The developer estimates that work "
                "on contaminated ground alone will cost {millions}, and says the number of "
                "homes is what makes the scheme pay for itself.",
                "The land was home to industry for more than a century, and surveys have found "
                "oil and heavy metals in the soil. Cleaning it up is expected to cost "
                "{millions}, which the developer says can only be recovered by building at the "
                "density it proposes.",
            ),
            (
                '"There is one road in and one road out. Put {n_big} families on the end of it '
                'and you will not get out of your drive in the morning," said {person}, who '
                "lives on a street next to the site and says the town needs homes but not this "
                "traffic.",
                'Neighbours at the exhibition were divided. "My children cannot afford to live '
                'in the town they grew up in, so I am all for it," said {person}. Others '
                "worried about school places, doctors' appointments and parking on the narrow "
                "streets around the site.",
            ),
            (
                "A formal planning application is expected in the spring. If it is approved, "
                "the first homes could be finished within two years, with the whole scheme "
                "completed in {n_small} phases.",
                "The developer expects to submit a planning application early next year. "
                "{council} will have the final say, and its planning officers said they would "
                "publish every comment received during the consultation.",
            ),
        ),
        follow_up_headline="Council delays decision on {town} homes after objections",
        caption="Part of {site} in {town}, where the homes would be built.",
        tags=("{town}", "Housing", "Planning"),
    ),
)

REACTIONS = (
    "Not everyone is convinced. {person2}, who has lived in {town} for {n_years} years, said "
    'residents had heard similar promises before. "I will believe it when I see it finished, '
    'not before," {person2} said.',
    "{person2}, a member of the {town} residents' association, welcomed the news but said the "
    'details mattered. "People want to know what it means for them, in plain words, and they '
    'want to be asked before decisions are made rather than after," {person2} said.',
    "Reaction on social media was mixed. Some readers said the move was overdue, while others "
    "asked why {town} had waited so long. A petition started by {person2} had gathered "
    "{n_big} signatures by {weekday} evening.",
    "{person2}, who chairs the local traders' group, said the timing could hardly be worse. "
    '"December is when we make the money that carries us through January and February," '
    "{person2} said.",
    "Opposition {councillors} said they would ask for the matter to be discussed at the next "
    'full meeting. {person2}, who represents {town2}, said the public deserved "a proper '
    'explanation of how this was decided".',
    'Residents who spoke to the {paper} were broadly supportive. "It is about time something '
    'happened here," said {person2}, out walking a dog on {weekday} morning.',
    "{person2}, who runs a community group in {town2}, said the announcement showed what "
    'could be done when people pushed for it. "Nothing here happens by accident. Somebody '
    'always had to keep asking," {person2} said.',
    'Some residents said they had heard nothing until they read about it. "We get leaflets '
    'about bin collections, but not about this," said {person2}, who has lived nearby since '
    "childhood.",
)

CLOSINGS = (
    "A public meeting will be held at {venue} on {later}. Those unable to attend can send "
    "comments to {council} until the end of the month.",
    "The {paper} has asked {council} for the full report behind the decision and will report "
    "on it when it is released.",
    "Further details, including a map of the area affected, are available on the council's "
    "website and at {venue}, which is open six days a week.",
    "Anyone with questions can contact the council's customer services team, which said it "
    "would publish regular updates over the coming weeks.",
    "The matter is expected to return to {councillors} in the new year, when a final decision "
    "on funding will be taken.",
    '{person3}, a spokesperson for the organisers, said more information would follow "as '
    'soon as we have it, and not a day later".',
    "A summary of the plans will be delivered to every household in the area before any work "
    "begins, {council} said.",
    "Copies of the documents can be seen at {venue} during opening hours. The {paper} will "
    "follow the story as it develops.",
)

UPDATE_NOTES = (
    "Update, {date}: this article has been updated to include a response from {council}, "
    "which said it was aware of the concerns raised and would reply to them in full.",
    "This article was amended on {date} to correct a figure in the third paragraph and to add "
    "details provided after it was first published.",
    "Update, {date}: {person3} contacted the {paper} on {weekday} to say that a meeting to "
    "discuss the matter had been arranged for {later}.",
    "This article was updated on {date}. An earlier version gave the wrong date for the next "
    "meeting, which will take place on {later_weekday}, {later}.",
)


def _british_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]}"


def _american_date(day: date) -> str:
    return f"{_MONTHS[day.month - 1]} {day.day}"


_BRITISH = LanguageKits(
    kits=KITS,
    reactions=REACTIONS,
    closings=CLOSINGS,
    update_notes=UPDATE_NOTES,
    weekdays=_WEEKDAYS,
    date_text=_british_date,
)
_AMERICAN = LanguageKits(
    kits=KITS,
    reactions=REACTIONS,
    closings=CLOSINGS,
    update_notes=UPDATE_NOTES,
    weekdays=_WEEKDAYS,
    date_text=_american_date,
)

LEDGER = Locale(
    outlet="harbour-ledger",
    language=_BRITISH,
    authors=(
        "Eleanor Marsh",
        "Ravi Patel",
        "Bethan Lloyd",
        "Callum Reid",
        "Aisha Okafor",
        "Tom Whitcombe",
        "Joe Pennock",
    ),
    credit="{author}/The Harbour Ledger",
    sections={
        "transport": "Transport",
        "schools": "Education",
        "business": "Business",
        "culture": "Culture",
        "sport": "Sport",
        "housing": "News",
    },
    towns=("Harbourton", "Kelvick", "Polbryn", "Tregarrow", "Lowen Bay", "Carnwyn"),
    streets=(
        "Quay Street",
        "Mill Lane",
        "Fore Street",
        "Chapel Hill",
        "Harbour Road",
        "Victoria Terrace",
        "Ropewalk",
    ),
    venues=(
        "the Guildhall",
        "the Assembly Rooms",
        "Harbourton Library",
        "the Seafarers' Institute",
        "the Pier Pavilion",
    ),
    schools=(
        "Harbourton Academy",
        "Kelvick Primary School",
        "St Petroc's School",
        "Polbryn Community School",
        "Lowen Bay Primary School",
    ),
    teams=(
        "Harbourton Town",
        "Kelvick Rovers",
        "Polbryn Athletic",
        "Tregarrow United",
        "Lowen Bay Wanderers",
    ),
    sites=(
        "the former gasworks",
        "the old rope factory",
        "the disused bus depot",
        "the former Quayside boatyard",
    ),
    businesses=(
        "Pascoe's Bakery",
        "Trevail & Sons Hardware",
        "The Anchor Bookshop",
        "Hocking's Fishmonger",
        "The Copper Kettle Tearoom",
    ),
    players=(
        "Jack Penhale",
        "Sam Trethewey",
        "Liam Chegwidden",
        "Ben Rowse",
        "Kieran Nance",
        "Dylan Hosking",
    ),
    people=(
        "Helen Pascoe",
        "Martin Trelawny",
        "Gwen Rowe",
        "Daniel Hicks",
        "Priya Nair",
        "Colin Jago",
        "Ruth Penrose",
        "Owen Carne",
    ),
    words={
        "council": "Harbourton Borough Council",
        "councillors": "councillors",
        "paper": "Ledger",
        "pupils": "pupils",
        "pupils_cap": "Pupils",
        "head": "head teacher",
        "holidays": "Christmas holidays",
        "pavement": "pavement",
        "shop": "shop",
        "length_unit": "metres",
        "per_cent": "per cent",
        "league": "Westmarsh League",
    },
    money=lambda amount: f"£{amount:,}",
    millions=lambda amount: f"£{amount:.1f}m",
    count=lambda number: f"{number:,}",
)

COURIER = Locale(
    outlet="valley-courier",
    language=_AMERICAN,
    authors=(
        "Maria Delgado",
        "Kevin Tran",
        "Hannah Brooks",
        "Luis Ortega",
        "Dana Whitfield",
        "Sam Okonkwo",
    ),
    credit="{author} / Valley Courier",
    sections={
        "transport": "Transportation",
        "schools": "Schools",
        "business": "Business",
        "culture": "Local",
        "sport": "Sports",
        "housing": "Local",
    },
    towns=("Mirador", "Rio Alta", "Cedar Flat", "Las Palomas", "Alta Vista", "Calloway"),
    streets=(
        "Olive Avenue",
        "Front Street",
        "Mission Road",
        "Sycamore Drive",
        "Valley Boulevard",
        "Orchard Lane",
    ),
    venues=(
        "the Mirador Community Center",
        "the Alta Valley Fairgrounds",
        "the Rio Alta Library",
        "the Grange Hall",
        "Veterans Memorial Hall",
    ),
    schools=(
        "Mirador High School",
        "Cedar Flat Elementary School",
        "Rio Alta Middle School",
        "Las Palomas Elementary School",
        "Alta Vista High School",
    ),
    teams=("Mirador FC", "Rio Alta United", "Cedar Flat Rangers", "Alta Valley SC", "Calloway FC"),
    sites=(
        "the former packing house on Front Street",
        "the old fairground parking lot",
        "the shuttered Valley Lumber yard",
        "the vacant Rancho Alta shopping center",
    ),
    businesses=(
        "Ortiz Family Bakery",
        "Valley Hardware",
        "The Book Nook",
        "Sal's Diner",
        "Hillside Feed & Supply",
    ),
    players=(
        "Diego Morales",
        "Jake Sullivan",
        "Andre Wilson",
        "Mateo Cruz",
        "Tyler Nguyen",
        "Brandon Ellis",
    ),
    people=(
        "Rosa Jimenez",
        "Tom Becker",
        "Angela Park",
        "Marcus Reed",
        "Elena Vasquez",
        "Greg Holloway",
        "Nina Patel",
        "Carlos Mendez",
    ),
    words={
        "council": "Mirador City Council",
        "councillors": "council members",
        "paper": "Courier",
        "pupils": "students",
        "pupils_cap": "Students",
        "head": "principal",
        "holidays": "winter break",
        "pavement": "sidewalk",
        "shop": "store",
        "length_unit": "feet",
        "per_cent": "percent",
        "league": "Alta Valley League",
    },
    money=lambda amount: f"${amount:,}",
    millions=lambda amount: f"${amount:.1f} million",
    count=lambda number: f"{number:,}",
)
