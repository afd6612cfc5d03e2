"""The Harbour Ledger's business, science, culture and sport pages (all fictional)."""

from __future__ import annotations

from newsroom.records import DemoArticle
from newsroom.stories.build import ledger

FISH_CONTRACT = ledger(
    slug="fishing-cooperative-school-kitchens-contract",
    section="Business",
    when=(17, 14, 20),
    headline="Fishing co-operative lands contract to supply school kitchens",
    authors=("Callum Reid", "Aisha Okafor"),
    tags=("Fishing", "School meals", "Harbourton fish quay"),
    caption="Crew members landing pollock on the fish quay at first light.",
    credit="Aisha Okafor/The Harbour Ledger",
    body="""
        A co-operative of Harbourton fishing crews has won a contract to supply fresh fish to
        46 schools across Westmarsh, in a deal its members say will help them survive a
        difficult winter. The two-year agreement, worth about £610,000, begins after the
        February half-term.

        The Harbourton and Skerry Fishermen's Co-operative was formed in 2023 by eleven boat
        owners who wanted to sell directly to local buyers rather than through the regional
        auction at Carrow Haven. It now has nineteen members and runs its own processing
        unit on the fish quay.

        Under the contract, schools will receive pollock, hake and mackerel landed within 48
        hours of delivery. The co-operative will prepare portions to the specifications of
        the county's catering service, which cooks about 21,000 school lunches a day.

        "For years the fish went up the motorway and came back in breadcrumbs," said the
        co-operative's chair, Jenna Polglase, who skippers the trawler Morwenna. "Now a child
        in Harbourton can eat something caught by their neighbour's boat. That matters to
        us, and it matters to the price we get."

        The county's cabinet member for education, Cllr Martin Hale, said the deal met a
        commitment to source more school food locally without raising costs. The price per
        portion is within two pence of the previous supplier's, according to a report to
        councillors.

        Some parents have asked whether children will eat it. The catering service said it
        had trialled a fish finger made from pollock at six schools last spring, and that it
        had been "the most requested dish on the menu" by the end of the term.
    """,
)

ROPEWORKS = ledger(
    slug="old-ropeworks-to-reopen-as-makers-market",
    section="Culture",
    when=(18, 9, 30),
    headline="Old Ropeworks to reopen as a makers' market after a decade empty",
    authors=("Aisha Okafor",),
    tags=("Old Ropeworks", "Heritage", "Community shares"),
    caption="The 300-metre rope walk inside the Old Ropeworks, empty since 2016.",
    credit="Ropeworks Trust",
    body="""
        The Old Ropeworks on Harbourton's waterfront is to reopen next spring as a market for
        craftspeople and food producers, ten years after the last tenant moved out. The
        listed building, where rope for sailing ships was twisted in a 300-metre gallery, has
        been bought by a community benefit society for £780,000.

        The Ropeworks Trust raised the money through a community share offer that attracted
        more than 1,400 investors, most of them from the town. Shares were sold at £50 each,
        and the trust says the average investment was just under £300.

        Plans approved by the borough council's planning committee last week allow for 34
        permanent stalls, a bakery, two workshops and a café in the former tarring house. The
        long rope walk will be used for a weekend market and for events.

        Tamsin Kerslake, a furniture maker who chairs the trust, said the project was about
        "making things in Harbourton again". She said more than 120 people had already asked
        about taking a stall, including potters, a bicycle repairer and a maker of sourdough
        crackers.

        The building needs a new roof and rewiring before it can open. The trust has been
        awarded £250,000 by a heritage fund toward the repairs and is seeking a further
        £90,000 for the café fit-out.

        Local historian Dennis Arthur said the reopening would give residents a chance to
        walk the full length of the rope walk for the first time in a generation. "My
        grandfather worked there until 1961. People forget how much of this town was built on
        rope," he said.
    """,
)

TROPHY_SHOOTOUT = ledger(
    slug="harbourton-athletic-trophy-shootout",
    section="Sport",
    when=(19, 22, 10),
    headline="Harbourton Athletic into Trophy second round after shootout drama",
    authors=("Joe Pennock",),
    tags=("Harbourton Athletic", "Football", "FA Trophy"),
    caption="Sam Treloar dives to his right to save Carrow Town's fifth penalty.",
    credit="Joe Pennock/The Harbour Ledger",
    body="""
        Harbourton Athletic reached the second round of the FA Trophy for the first time in
        nine years after beating Carrow Town 5-4 on penalties at a rain-soaked Quay Park on
        Thursday night. The replay had finished 2-2 after extra time.

        Goalkeeper Sam Treloar was the hero, saving Carrow's fifth penalty low to his right
        before Athletic captain Jordan Mabey stepped up to score the winner. Around 1,100
        supporters, the club's biggest crowd of the season, stayed to the end despite the
        weather.

        Athletic had led twice in normal time. Ellis Bray headed them in front from a corner
        in the 23rd minute, and after Carrow equalised just before half-time, substitute
        Kwame Osei restored the lead with a low shot from the edge of the area.

        Carrow's second equaliser came in the 88th minute, when a cross deflected off
        defender Luke Penrose and looped over Treloar. Neither side came close in extra time,
        although the pitch had become so heavy that several players struggled with cramp.

        Manager Rob Hendy said the win would be worth about £10,000 in prize money to a club
        that operates on a tight budget. "That's a new roof for the stand, or half of one,"
        he said. "But mostly it's a night these players will remember."

        The draw for the second round will be made on Monday. Athletic return to league
        action at home to Westmarsh Rovers on Saturday, when the club hopes many of
        Thursday's new faces will come back.
    """,
)

TIDE_GAUGE = ledger(
    slug="tide-gauge-sea-level-rising-twice-as-fast",
    section="Environment",
    when=(20, 8, 0),
    headline="Harbourton tide gauge shows sea level rising twice as fast since 2000",
    authors=("Bethan Lloyd", "Tom Whitcombe"),
    tags=("Sea level", "Climate", "Westmarsh Marine Laboratory"),
    caption="The tide gauge house on the north pier, where readings began in 1917.",
    credit="Tom Whitcombe/The Harbour Ledger",
    body="""
        Sea level at Harbourton has risen twice as fast since the turn of the century as it
        did in the decades before, according to a new analysis of one of the longest tide
        records in the country. The study, published on Thursday by researchers at the
        Westmarsh Marine Laboratory, found that mean sea level in the harbour rose by about
        4.1mm a year between 2000 and 2025.

        Between 1925 and 1999 the average rate was about 1.9mm a year. The researchers say
        the acceleration matches what satellites have measured in the open ocean and is
        mostly caused by warming water expanding and by melting land ice.

        The Harbourton gauge has been read every day since 1917, first by harbour staff using
        a float and a pen on a paper drum, and since 1992 by an automatic sensor. Dr Hannah
        Kitto, who led the study, said the team spent two years checking old ledgers against
        each other to correct for changes in the equipment.

        "A single tide gauge can tell you a great deal if you are careful with it," she said.
        "The paper records were kept beautifully. We found one week in 1941 when the readings
        stop, and a note in the margin saying the gauge house had lost its windows."

        The study also looked at extreme high waters. It found that a tide which would have
        been expected once every ten years in the 1950s now occurs roughly once every two
        years, mainly because the baseline it starts from is higher.

        Engineers designing the rebuilt sea wall on Quayside said they had used the new
        figures to set its height. The wall will be built to withstand the sea level expected
        in 2100 under a high-emissions scenario, with foundations that allow it to be raised
        again later.

        The data will be published in full so that other researchers can compare the record
        with gauges elsewhere on the coast.
    """,
)
"""Republished word for word by the Valley Courier."""

BAKERY_JOBS = ledger(
    slug="trewins-bakery-forty-jobs-penlow-road",
    section="Business",
    when=(22, 15, 40),
    headline="Bakery chain to create 40 jobs at new Harbourton site",
    authors=("Callum Reid",),
    tags=("Jobs", "Penlow Road", "Food and drink"),
    caption="The former tyre depot on the Penlow Road industrial estate.",
    credit="Callum Reid/The Harbour Ledger",
    body="""
        A family-owned bakery chain is to open a production kitchen and shop on the edge of
        Harbourton, creating about forty jobs. Trewin's Bakery, which has fourteen shops
        across Westmarsh, has bought a former tyre depot on the Penlow Road industrial
        estate.

        The company bakes more than 30,000 pasties and loaves a week at a single site in
        Westmarsh, which managing director Claire Trewin said was running at full capacity.
        The new kitchen will supply the shops in the west of the county and a growing
        wholesale business with cafés and farm shops.

        "We turn down orders every week because we simply cannot bake any more," she said.
        "Harbourton gives us the space, and it puts us closer to our customers along the
        coast, which means fewer miles on the vans."

        Jobs will include bakers, drivers, shop staff and maintenance engineers. The company
        said it would offer apprenticeships in partnership with Westmarsh College, with four
        places available from September.

        The borough council's economic development officer, Yusuf Demir, said the investment
        was welcome news for an estate that lost two of its larger employers during the
        pandemic. He said the council had helped the company with planning advice but had not
        provided any grant.

        Conversion of the depot is expected to begin in the new year, with the kitchen due to
        open in early summer. Recruitment will start in March, and the company will hold an
        open day at the site before then.
    """,
)

PLAYHOUSE_REVIEW = ledger(
    slug="review-high-water-harbourton-playhouse",
    section="Culture",
    when=(23, 10, 0),
    headline="Review: Playhouse flood drama finds the town in its own history",
    authors=("Aisha Okafor",),
    tags=("Theatre", "Harbourton Playhouse", "Reviews"),
    caption="Nell Harvey as Win Couch in High Water at the Harbourton Playhouse.",
    credit="Harbourton Playhouse",
    body="""
        The night the water came into Harbourton in January 1962 has been told many times,
        but rarely with the tenderness of High Water, the new play that opened at the
        Harbourton Playhouse on Saturday. Writer Josie Penrose has built her drama from
        interviews with survivors, and it shows in every line.

        The story follows three families on Marine Terrace over a single night, as the tide
        rises through their kitchens and up their stairs. There is no villain, only the sea,
        and Penrose is wise enough not to invent one.

        Director Marcus Feld stages the flood with remarkable economy. A single strip of blue
        light creeps up the back wall, and the actors lift chairs, then tables, then
        children, as it climbs. By the interval, half the audience was sitting forward in
        their seats.

        The cast of eight, most of them local, is led by Nell Harvey as Win Couch, a widow
        who refuses to leave her house until her late husband's fishing log is safe. Harvey
        plays her with a dry, stubborn humour that makes the play's final scenes almost
        unbearable.

        Not everything works. A framing device set in the present day, with a student
        recording the memories of an elderly man, feels like an explanation the play does not
        need. Some of the second act's shorter scenes could be cut without loss.

        But these are small complaints about a production that reminds a coastal town what it
        owes to the people who rebuilt it. High Water runs at the Playhouse until 12
        December, with a relaxed performance on 5 December.
    """,
)

SHORE_POWER = ledger(
    slug="harbour-shore-power-cruise-ships",
    section="Business",
    when=(24, 8, 30),
    headline="Harbour plans shore power so cruise ships can switch off engines",
    authors=("Ravi Patel", "Bethan Lloyd"),
    tags=("Cruise ships", "Air quality", "Harbour authority"),
    caption="Two cruise ships alongside the deep-water berth in August.",
    credit="Ravi Patel/The Harbour Ledger",
    body="""
        Cruise ships calling at Harbourton could plug into the electricity grid instead of
        running their engines while berthed, under plans unveiled by the harbour authority on
        Tuesday. The £9m scheme would install shore power connections at the deep-water
        berth by 2029.

        About 60 cruise ships called at Harbourton this year, up from 35 in 2023, and the
        authority expects the number to keep growing. Each ship can burn several tonnes of
        fuel a day alongside to power its lighting, kitchens and air conditioning.

        Residents of the streets above the harbour have complained for years about engine
        noise and exhaust fumes on cruise days. Air quality monitoring on Castle Hill last
        summer found nitrogen dioxide levels above the legal annual limit on eleven days when
        two ships were in port at once.

        The harbour's chief executive, Fiona Lanyon, said connecting ships to the grid would
        remove almost all of those emissions. "The technology is proven in ports across
        northern Europe. Our challenge is the connection, because the grid at the harbour was
        never built for this kind of load," she said.

        The authority is in talks with the electricity network operator about a new
        substation, which would account for about a third of the cost. It has applied for a
        government grant for the rest and says cruise lines would pay for the electricity
        they use.

        Cllr Sandra Oyelaran welcomed the plans but said the council would continue to press
        for a cap on the number of ships calling on any one day during the summer.
    """,
)

STORIES: tuple[DemoArticle, ...] = (
    FISH_CONTRACT,
    ROPEWORKS,
    TROPHY_SHOOTOUT,
    TIDE_GAUGE,
    BAKERY_JOBS,
    PLAYHOUSE_REVIEW,
    SHORE_POWER,
)
