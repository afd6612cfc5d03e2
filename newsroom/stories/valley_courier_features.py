"""The Valley Courier's business, outdoors, sports and community pages (all fictional)."""

from __future__ import annotations

from dataclasses import replace

from newsroom.records import DemoArticle
from newsroom.stories.build import courier, november
from newsroom.stories.harbour_ledger_features import TIDE_GAUGE

ALMOND_PRICES = courier(
    slug="almond-growers-brace-for-low-prices",
    section="Agriculture",
    when=(17, 23, 5),
    headline="Almond growers brace for another year of low prices",
    authors=("Dana Whitfield", "Sam Okonkwo"),
    tags=("Almonds", "Agriculture", "Calloway"),
    caption="Stacks of almond trees pulled from an orchard west of Calloway in October.",
    credit="Sam Okonkwo / Valley Courier",
    body="""
        Almond growers in the Alta Valley are heading into winter with warehouses still full
        of last season's crop and prices that barely cover their costs, farmers and industry
        analysts say. Some are pulling out older orchards rather than paying to keep them
        irrigated.

        Growers were receiving about $1.85 a pound this fall, according to a survey of local
        handlers, compared with more than $3 a pound five years ago. At the same time, the
        costs of water, labor, fertilizer and interest have all risen sharply.

        Frank Medeiros, whose family has farmed almonds west of Calloway since the 1970s,
        said he had removed 80 acres of trees in October. "They were twenty-two years old and
        still producing, but I couldn't justify the water bill for them," he said. "It's the
        first time my family has pulled trees because of price."

        Analysts say the slump reflects a global glut after years of rapid planting across
        the state, along with trade disputes that have made it harder to sell into some
        export markets. Demand has held up well, but not enough to absorb record harvests.

        The county agricultural commissioner's office estimates that almonds were worth
        about $410 million to the county's economy last year, second only to dairy. Any
        large-scale removal of orchards would affect packing houses, trucking firms and
        equipment dealers.

        Some growers are replanting with pistachios, which use less water and have had
        stronger prices, or leaving land fallow. University farm advisers will hold a meeting
        on crop options at the Calloway Grange Hall on Dec. 3.
    """,
)

VOLLEYBALL_TITLE = courier(
    slug="calloway-volleyball-section-title",
    section="Sports",
    when=(18, 22, 40),
    headline="Calloway rallies from two sets down to win section volleyball title",
    authors=("Sam Okonkwo",),
    tags=("Calloway High", "Volleyball", "High school sports"),
    caption="Calloway players celebrate the final point of the fifth set.",
    credit="Sam Okonkwo / Valley Courier",
    body="""
        The Calloway High girls volleyball team came back from two sets down to beat
        Pinecrest 3-2 on Wednesday night and win its first section championship in fourteen
        years. The Cougars took the deciding set 15-12 in front of a standing-room crowd at
        the Mirador College gym.

        Pinecrest, the top seed, dominated the first two sets 25-19 and 25-21 behind outside
        hitter Maddie Kessler, who finished with 24 kills. Calloway coach Denise Alvarado
        said she told her players at the break to stop worrying about the scoreboard.

        "I told them, you've already had a season nobody expected. Go and enjoy the last part
        of it," Alvarado said. "They came out loose and started swinging, and you could feel
        the gym change."

        Senior setter Priya Natarajan orchestrated the comeback with 47 assists, and middle
        blocker Jasmine Odom had six of Calloway's eleven blocks. Odom's block on Kessler at
        13-12 in the fifth set brought the Calloway bench onto the court.

        The win sends Calloway to the state regional tournament, which begins next week. The
        Cougars will learn their seeding and opponent on Sunday.

        For Pinecrest, the loss ended a 31-4 season. Coach Mike Sorensen said his team had
        nothing to be ashamed of. "We ran into a group that refused to go home," he said.
        "That's what a championship match is supposed to look like."
    """,
)

TIDE_GAUGE_REPUBLISHED = replace(
    TIDE_GAUGE,
    outlet="valley-courier",
    path="/2026/11/21/harbourton-tide-gauge-sea-level-rising/",
    published_at=november("America/Los_Angeles", (21, 5, 30)),
    modified_at=None,
    section="Climate",
    tags=("Climate", "Sea level", "Partner content"),
    syndicated_from="harbour-ledger",
)
"""The Harbour Ledger's tide gauge story, republished through a climate reporting partnership."""

EV_PLAZA = courier(
    slug="ev-charging-plaza-opens-mirador",
    section="Business",
    when=(21, 15, 10),
    headline="Valley's largest EV charging plaza opens in Mirador",
    authors=("Dana Whitfield",),
    tags=("Electric vehicles", "Small business", "Mirador"),
    caption="Drivers charge their cars at the new plaza on the site of a former truck stop.",
    credit="Dana Whitfield / Valley Courier",
    body="""
        A charging plaza with 24 fast chargers for electric vehicles opened Saturday in
        Mirador, making it the largest public charging site between the valley and the
        coast. The plaza, built on part of a former truck stop, also includes a café,
        restrooms and a small playground.

        The site's owner, Mirador-based Horizon Fuel Co., said the chargers could add up to
        200 miles of range to most cars in about 20 minutes. Prices will start at 48 cents per
        kilowatt-hour, with a discount overnight.

        Owner Arturo Gonzalez, whose father opened the truck stop in 1978, said the business
        had to change or close. "Diesel sales have been flat for years, and the trucks are
        changing too," he said. "My dad sold fuel. I sell time, because people need
        somewhere to wait while they charge."

        The number of electric vehicles registered in Alta County has more than tripled since
        2021, to about 9,400, according to state data. But drivers have complained that
        public chargers in the area are few and often broken.

        The project cost about $5.8 million, including an upgrade to the electrical
        connection that took almost two years to complete. About a third of the cost was
        covered by a state grant for chargers in rural areas.

        Gonzalez said he planned to add four chargers for heavy trucks next year, once
        manufacturers begin delivering electric semis to local fleets. The remaining diesel
        pumps will stay open for now.
    """,
)

MISSING_HIKERS = courier(
    slug="missing-hikers-found-granite-lakes",
    section="Local",
    when=(22, 10, 35),
    headline="Search teams find missing hikers safe near Granite Lakes",
    authors=("Luis Ortega",),
    tags=("Search and rescue", "Granite Lakes", "Pinecrest"),
    caption="Search volunteers gather at the Granite Lakes trailhead before dawn.",
    credit="Alta County Sheriff's Office",
    body="""
        Two hikers who spent the night lost in the high country above Pinecrest were found
        cold but unharmed on Sunday morning, after a search involving more than forty
        volunteers and a sheriff's office helicopter. The pair had set out on Saturday to
        reach Granite Lakes, a popular day hike.

        The Alta County Sheriff's Office said the hikers, a 29-year-old man and a 31-year-old
        woman from the Bay Area, lost the trail in snow above 8,000 feet as the light faded.
        They called 911 shortly after 6 p.m., but their phone battery died before searchers
        could pin down their location.

        Search and rescue teams worked through the night in temperatures that fell to 19
        degrees. A helicopter crew spotted the pair at about 7:40 a.m., huddled under a rock
        overhang about a mile from the trail, and guided ground teams to them.

        Search coordinator Beth Tillman said the hikers had done several things right. "They
        stopped moving when they realized they were lost, they put on every layer they had,
        and they stayed together," she said. "That's what kept them in good shape."

        The sheriff's office said the hikers had not expected snow and had no map, headlamps
        or extra batteries. Early-season storms left up to a foot of snow on the trail last
        week, covering the cairns that usually mark the route across granite slabs.

        Officials urged hikers to check conditions before heading into the mountains, to
        carry paper maps and a light, and to tell someone where they are going and when they
        plan to return.
    """,
)

SUNDAY_LIBRARY = courier(
    slug="mirador-library-sunday-hours",
    section="Local",
    when=(22, 17, 0),
    headline="Mirador library to open on Sundays for first time since 2009",
    authors=("Hannah Brooks",),
    tags=("Libraries", "Mirador", "City budget"),
    caption="The reading room of the Mirador Public Library's main branch.",
    credit="Hannah Brooks / Valley Courier",
    body="""
        The Mirador Public Library will open on Sunday afternoons starting in January,
        restoring hours that were cut during the recession more than fifteen years ago. The
        library will be open from 1 to 5 p.m. on Sundays at its main branch on Olive Avenue.

        City Librarian Naomi Fitch said Sunday was the day most often requested in a survey
        of library users last spring. Among the 1,600 people who responded, nearly two-thirds
        said they could not visit during the week because of work or school.

        "We hear from parents who want to bring their kids to storytime but work six days a
        week, and from students who need a quiet place to study before a Monday exam," Fitch
        said. "This is for them."

        The extra hours will cost about $145,000 a year, covered by a half-cent sales tax
        approved by voters in 2024. The library will hire three part-time staff members and
        has already begun advertising the positions.

        Sunday programs will include a homework help session staffed by volunteers from
        Mirador College, a weekly chess club and a family movie once a month. The library's
        computer lab and its seed library, where residents can borrow vegetable seeds, will
        also be open.

        The branch libraries in Calloway and Pinecrest will keep their current hours for now.
        Fitch said the city would look at extending those hours if Sunday visits at the main
        branch meet expectations.
    """,
)

WINERY_FINE = courier(
    slug="winery-fined-wastewater-sandstone-creek",
    section="Environment",
    when=(23, 9, 45),
    headline="Winery fined $240,000 for wastewater spills into creek",
    authors=("Dana Whitfield", "Kevin Tran"),
    tags=("Water quality", "Wineries", "Sandstone Creek"),
    caption="Sandstone Creek below the drainage ditch where the discharges entered.",
    credit="Howard Li",
    body="""
        A winery west of Mirador has agreed to pay $240,000 in penalties after state
        regulators found it had repeatedly allowed wastewater from its crush operations to
        flow into Sandstone Creek. The settlement was announced Monday by the regional water
        quality board.

        Inspectors found that Ridgeback Cellars had overfilled its storage ponds during the
        2024 and 2025 harvests, sending water laden with grape skins, sugars and cleaning
        chemicals into a drainage ditch that empties into the creek. The discharges killed
        fish along a half-mile stretch in October 2025, according to the board.

        Winery wastewater is high in organic material, which depletes the oxygen in streams
        as it breaks down. Sandstone Creek is home to a small population of rainbow trout,
        and volunteers have spent years restoring its banks.

        In a statement, Ridgeback Cellars said it had "taken full responsibility" and had
        spent more than $600,000 on a new treatment system and larger storage ponds. The
        company said the system had operated without problems during this year's harvest.

        Under the settlement, $120,000 of the penalty will go to a local conservation group
        to restore creek habitat, including planting native willows and removing invasive
        plants. The rest will be paid to the state's cleanup fund.

        Creek volunteer Howard Li, who first reported dead fish to the board, said he was
        pleased with the outcome but wanted more frequent inspections. "We only found out
        because somebody was out there walking the creek," he said. "That shouldn't be the
        system."
    """,
)

FOOD_BANK = courier(
    slug="food-bank-volunteers-pack-thanksgiving-boxes",
    section="Local",
    when=(23, 20, 15),
    headline="Food bank volunteers pack 3,000 Thanksgiving boxes",
    authors=("Hannah Brooks", "Sam Okonkwo"),
    tags=("Thanksgiving", "Alta Valley Food Bank", "Volunteers"),
    caption="Volunteers form a line to load boxes at the food bank warehouse in Calloway.",
    credit="Sam Okonkwo / Valley Courier",
    body="""
        More than 200 volunteers spent Monday packing Thanksgiving meal boxes at the Alta
        Valley Food Bank's warehouse in Calloway, where demand this year is the highest the
        organization has seen. The food bank expects to distribute about 3,000 boxes before
        the holiday.

        Each box contains a frozen turkey or a ham, potatoes, canned vegetables, stuffing,
        cranberry sauce and a pie. The food bank said turkeys cost about 20% more this year
        than last, and that a local poultry farm had donated 600 birds to help close the gap.

        Executive director Marcus Bell said the number of families visiting the food bank's
        pantries had risen by 18% since last year. Many were working families who had never
        needed help before, he said. "Rent goes up, gas goes up, and food is the one thing
        people can cut," Bell said.

        Volunteers included students from the Mirador High key club, employees from several
        local businesses and members of the Calloway Cougars volleyball team, who came
        straight from practice for next week's state regional tournament.

        Rosa Jimenez, who has volunteered at the food bank every Thanksgiving for fifteen
        years, said the line of volunteers stretching around the building had moved her. "It
        tells you what kind of valley this is," she said.

        Boxes will be handed out on Tuesday and Wednesday at eight distribution sites across
        the county. Families can find locations and times on the food bank's website or by
        calling its hotline. No registration is required.
    """,
)

EARLY_SNOW = courier(
    slug="early-storm-snow-sierra-alta-passes",
    section="Weather",
    when=(24, 7, 20),
    headline="Early storm brings first real snow to Sierra Alta passes",
    authors=("Luis Ortega",),
    tags=("Weather", "Snowpack", "Kestrel Pass"),
    caption="Snow plows clear the road to Pinecrest early Tuesday.",
    credit="Luis Ortega / Valley Courier",
    body="""
        The season's first significant storm dropped up to 20 inches of snow on the Sierra
        Alta overnight, closing the highest mountain pass and bringing chain controls to
        roads above Pinecrest on Tuesday morning. Forecasters expect another round of snow on
        Thanksgiving.

        Weather service observers said Kestrel Pass, at 9,100 feet, received 20 inches by 5
        a.m., while Pinecrest, at 5,200 feet, had about 6 inches. Rain fell across the valley
        floor, where Mirador recorded 0.82 inch in 24 hours.

        Kestrel Pass Road was closed at the gate above the Granite Lakes trailhead and will
        likely stay closed until spring, county road officials said. Chains or four-wheel
        drive with snow tires are required on the road to Pinecrest until further notice.

        Water managers welcomed the early snow after two dry winters. Snowmelt from the
        Sierra Alta fills the reservoir that supplies most of the valley's irrigation water.
        Hydrologist Karen Oyama said the storm was "a good start, but only a start".

        "One storm in November doesn't make a winter," Oyama said. "We need a series of
        these, spaced out, and we need them to be cold, so the water stays up there as snow
        until we need it in the summer."

        The Pinecrest ski area said it hoped to open in early December if temperatures stay
        low enough for snowmaking. Travelers heading to the mountains for the holiday are
        advised to carry chains, water, blankets and a full tank of fuel.
    """,
)

STORIES: tuple[DemoArticle, ...] = (
    ALMOND_PRICES,
    VOLLEYBALL_TITLE,
    TIDE_GAUGE_REPUBLISHED,
    EV_PLAZA,
    MISSING_HIKERS,
    SUNDAY_LIBRARY,
    WINERY_FINE,
    FOOD_BANK,
    EARLY_SNOW,
)
