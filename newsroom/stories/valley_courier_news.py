"""The Valley Courier's metro desk: Mirador and the fictional Alta Valley, California."""

from __future__ import annotations

from newsroom.records import DemoArticle
from newsroom.stories.build import courier

WATER_RATES = courier(
    slug="alta-valley-water-district-approves-rate-increase",
    section="Water",
    when=(17, 8, 10),
    headline="Alta Valley water district approves 9% rate increase",
    authors=("Maria Delgado",),
    tags=("Alta Valley Water District", "Utilities", "Mirador"),
    caption="Crews repair a broken water main on Olive Avenue in Mirador in September.",
    credit="Kevin Tran / Valley Courier",
    body="""
        Customers of the Alta Valley Water District will pay about 9% more for water starting
        in January after the district's board approved a two-year rate plan on Monday. The
        average household bill will rise by roughly $6.40 a month, according to district
        staff.

        The board voted 4-1 for the increase, which district officials said was needed to
        replace aging pipes and to pay for a new treatment system that removes naturally
        occurring arsenic from two of its wells. A second increase of about 7% is scheduled
        for January 2028.

        General manager Teresa Villalobos told the board that the district had deferred
        maintenance for too long. "About a quarter of our main lines are more than sixty
        years old. We had 41 main breaks last year, and each one costs us water, money and
        trust," she said.

        Director Ron Haskell, who cast the lone vote against the plan, said the district
        should have done more to cut costs before asking customers to pay more. He proposed
        delaying the increase by six months while the district reviewed its staffing, but
        the motion failed for lack of a second.

        About two dozen residents spoke during the public hearing, most of them opposed.
        Several said they were already struggling with higher prices for groceries and
        electricity. The district received 312 written protests, well short of the majority
        of customers needed to block the increase under state law.

        The district will expand a discount program for low-income households, which
        currently takes about 15% off the monthly service charge. Customers can apply online
        or at the district office on Olive Avenue.
    """,
)

CANNERY_HOUSING = courier(
    slug="mirador-council-backs-cannery-apartments",
    section="Local",
    when=(16, 23, 35),
    headline="Mirador council backs plan to turn old cannery into 180 apartments",
    authors=("Kevin Tran", "Maria Delgado"),
    tags=("Housing", "Mirador City Council", "Front Street"),
    caption="The Rio Alta cannery and its water tower on Front Street.",
    credit="Maria Delgado / Valley Courier",
    body="""
        The Mirador City Council on Monday night approved a plan to turn the long-vacant Rio
        Alta cannery on Front Street into 180 apartments, with a third of them set aside for
        lower-income households. The vote was unanimous after a hearing that lasted more
        than three hours.

        The brick cannery processed peaches and tomatoes for almost seventy years before it
        closed in 2004. Since then, it has been used for storage, a haunted house attraction
        and, for one summer, a farmers market. A fire in 2019 destroyed part of its roof.

        Developer Alta Bridge Housing plans to keep the building's facade and its water
        tower, which has become a local landmark. The project also includes a ground-floor
        grocery store, a child care center and a public plaza along the railroad tracks.

        Councilmember Rosa Castañeda said the project would bring badly needed homes to a
        city where rents have risen by more than 40% in five years. "Teachers, nurses and
        farmworkers should be able to live in the town they work in," she said.

        Some neighbors raised concerns about traffic and parking, noting that the plan
        includes 190 parking spaces for the apartments and the store. The developer agreed to
        pay for a traffic signal at Front and Fourth streets and to fund a shuttle to the
        regional bus center.

        Construction is expected to start late next year, once the developer secures state
        tax credits. The first tenants could move in by 2029, and the grocery store is
        expected to open at the same time.
    """,
)

PRESCRIBED_BURNS = courier(
    slug="prescribed-burns-pinecrest-foothills",
    section="Wildfire",
    when=(17, 6, 45),
    headline="Fire crews plan prescribed burns in Pinecrest foothills",
    authors=("Luis Ortega",),
    tags=("Wildfire", "Pinecrest", "Air quality"),
    caption="A fire crew walks a control line above Pinecrest during a 2024 burn.",
    credit="Alta County Fire Safe Council",
    body="""
        Fire crews plan to burn about 1,200 acres of brush and dead timber in the foothills
        above Pinecrest over the next six weeks, as part of an effort to reduce the risk of a
        catastrophic wildfire. The burns will begin as soon as Wednesday if the weather
        allows.

        The Alta County Fire Safe Council and state fire officials say the area, which has
        not burned in more than eighty years, is thick with manzanita, chamise and fallen
        pine. A fire starting there on a windy day could reach homes in Pinecrest within
        hours, they said.

        Burn boss Carla Whitehorse said crews would only light fires when humidity, wind and
        fuel moisture were within strict limits. "A prescribed burn is a fire we choose, on a
        day we choose. We would much rather deal with it now than in August," she said.

        Smoke will be visible from Mirador and along Valley Road, particularly in the
        mornings. Residents with asthma or heart conditions are advised to keep windows
        closed on burn days and to check air quality readings posted online by the county.

        Some residents have questioned the timing, after a prescribed burn in a neighboring
        county escaped its lines last spring. Officials said the plan for Pinecrest included
        extra crews and engines on standby, and that no burning would take place during red
        flag warnings.

        The work is funded by a state grant of $2.3 million, which also pays for crews to
        thin trees along evacuation routes. Residents can sign up for text alerts on burn
        days through the county's emergency notification system.
    """,
)

COUNSELORS = courier(
    slug="mirador-unified-to-hire-counselors",
    section="Schools",
    when=(18, 12, 15),
    headline="Mirador Unified to hire 12 counselors with state mental health grant",
    authors=("Hannah Brooks",),
    tags=("Mirador Unified", "Mental health", "Schools"),
    caption="Students between classes at Mirador High School.",
    credit="Hannah Brooks / Valley Courier",
    body="""
        Mirador Unified School District will hire twelve additional counselors and social
        workers over the next year, using a state grant aimed at improving mental health
        support for students. The board of trustees approved the hiring plan at its meeting
        on Tuesday night.

        The $3.1 million grant will cover the positions for three years. Once they are
        filled, every school in the district will have at least one full-time counselor for
        the first time, according to Superintendent Angela Price.

        District surveys found that nearly one in three high school students reported feeling
        sad or hopeless for two weeks or more in the past year. Counselors at Mirador High
        currently carry caseloads of more than 500 students each, well above the 250
        recommended by national counseling groups.

        "Our counselors are doing heroic work, but they are triaging," Price said. "We want
        them to have time to meet with a student who is struggling before that student is in
        crisis."

        Junior Elena Ruiz, the student representative on the board, told trustees that many
        students did not know how to ask for help. She urged the district to set up drop-in
        hours during lunch, when students could see a counselor without an appointment or a
        pass from a teacher.

        Some trustees asked what would happen when the grant ran out. Price said the district
        would seek to make the positions permanent by reducing spending on outside
        consultants, which totaled about $900,000 last year.

        Recruitment begins this month. The district hopes to have the first new staff in
        schools by February.
    """,
)

BRIDGE_RETROFIT = courier(
    slug="alta-river-bridge-retrofit-lane-closures",
    section="Transportation",
    when=(19, 9, 0),
    headline="Alta River Bridge retrofit to close lanes through spring",
    authors=("Kevin Tran",),
    tags=("Traffic", "Valley Road", "Earthquake safety"),
    caption="Traffic on the Alta River Bridge, which carries about 28,000 vehicles a day.",
    credit="Kevin Tran / Valley Courier",
    body="""
        One lane in each direction of the Alta River Bridge on Valley Road will close for
        about five months starting in December while crews strengthen the 1950s structure
        against earthquakes. The bridge carries about 28,000 vehicles a day between Mirador
        and Calloway.

        Alta County Public Works said the $14.6 million project would wrap the bridge's
        concrete columns in steel jackets and replace the joints where the deck meets its
        supports.

        Inspectors rated the bridge in fair condition during its last review, but engineers
        said its columns were designed before modern seismic standards and could fail in a
        strong earthquake on the nearby Alta Fault.

        Traffic engineers expect delays of ten to fifteen minutes during morning and evening
        rush hours. Signals at both ends of the bridge will be retimed, and the county is
        asking commuters to use the Mill Creek Road crossing, about four miles upstream,
        where possible.

        Business owners on the Calloway side said they were worried that drivers would avoid
        the area during the holiday shopping season. "December is a third of my year," said
        Joanne Pruitt, who owns a hardware store on Main Street. "If people decide the bridge
        isn't worth the hassle, they'll shop online."

        Project manager Eddie Nakamura said crews would work nights where possible, and that
        both lanes would reopen from Dec. 23 to Jan. 2 for the holidays. Pedestrians and
        cyclists will be able to use the bridge's walkway throughout the work.
    """,
)

WATER_BUDGET_INSIDER = courier(
    slug="insider-where-your-water-bill-goes",
    section="Members",
    when=(20, 7, 0),
    headline="Insider: Where your water bill goes, line by line",
    authors=("Maria Delgado", "Kevin Tran"),
    tags=("Members", "Alta Valley Water District", "Budgets"),
    caption="Meters waiting to be installed at the water district's yard.",
    credit="Kevin Tran / Valley Courier",
    members_only=True,
    body="""
        The Alta Valley Water District will collect about $38.4 million from its customers
        next year, and the rate increase approved this week will add roughly $3 million to
        that total. For Courier members, we went through the district's budget to see where
        the money goes.

        The largest single item is the cost of buying water. The district purchases about
        40% of its supply from a regional wholesaler, and the wholesale price has risen by
        11% this year because of higher pumping and energy costs.

        Staffing is next. The district employs 92 people, including 31 field crew members
        who repair main breaks and read meters. Salaries and benefits total $11.2 million,
        up 5% from last year, mostly because of a new labor contract and rising health
        insurance premiums.

        Debt payments account for $4.6 million. The district borrowed $52 million in 2019 to
        build its second treatment plant and will borrow again next year to pay for the
        arsenic treatment system at its eastern wells.

        About $7.9 million is set aside for capital projects, most of it for replacing pipes.
        At that pace, district engineers estimate it would take about 70 years to replace
        every main in the system, even though most pipes are designed to last 50 to 75 years.

        The smallest line items can be the most revealing. The district budgets $180,000 for
        leak detection, a program that found 214 hidden leaks last year and saved an
        estimated 90 million gallons. It spends $42,000 on conservation rebates, a figure
        that has not changed since 2018.

        Members can download the full budget document and our annotated spreadsheet from the
        links at the end of this story.
    """,
)
"""Listed in the news sitemap but under /members/, which robots.txt disallows."""

FARMWORKER_HOUSING = courier(
    slug="work-begins-farmworker-housing-calloway",
    section="Local",
    when=(20, 14, 50),
    headline="Work begins on farmworker housing near Calloway",
    authors=("Luis Ortega", "Hannah Brooks"),
    tags=("Housing", "Calloway", "Farmworkers"),
    caption="Future residents and officials at the Las Palmas Commons groundbreaking.",
    credit="Luis Ortega / Valley Courier",
    body="""
        Construction began Friday on a 64-unit housing complex for farmworkers and their
        families on the southern edge of Calloway, a project that has been in planning for
        almost a decade. Local officials, growers and future residents gathered at the site
        for a groundbreaking ceremony on a cold, bright morning.

        The complex, called Las Palmas Commons, will include two- and three-bedroom
        apartments, a community center, a laundry room and a playground. Rents will be capped
        at 30% of household income, and at least half of the apartments are reserved for
        people who work in agriculture year-round.

        Lupe Herrera, who picks grapes and prunes orchards across the valley, lives with her
        husband and three children in a converted garage. She said her family had applied for
        an apartment the day applications opened. "My children have never had their own
        room," she said. "They're already arguing about the colors."

        The $31 million project is funded by state and federal housing programs, a county
        loan and a donation of land from the Calloway Growers Association. Developer Sierra
        Alta Community Housing said costs had risen by about a third since the project was
        first proposed.

        Supervisor Gloria Benavides said farmworker housing in the county had long been
        "overcrowded, overpriced or out of sight". She said the project showed what could be
        done when growers, nonprofits and government worked together.

        The first residents are expected to move in during the summer of 2028. A second phase
        of 40 units is planned on adjacent land if funding can be found.
    """,
)

GROUNDWATER_DELAY = courier(
    slug="supervisors-delay-groundwater-pumping-limits",
    section="Politics",
    when=(21, 11, 20),
    headline="Supervisors delay vote on groundwater pumping limits",
    authors=("Maria Delgado", "Dana Whitfield", "Luis Ortega"),
    tags=("Groundwater", "Alta County Board of Supervisors", "Agriculture"),
    caption="A monitoring well west of Mirador, where the water table has fallen 60 feet.",
    credit="Dana Whitfield / Valley Courier",
    body="""
        The Alta County Board of Supervisors has postponed a vote on limiting groundwater
        pumping until January, after farmers and environmental groups both asked for more
        time to study the proposal. The board voted 3-2 on Friday to continue the item.

        The plan, drafted by the county's groundwater agency, would set a cap on how much
        water each parcel could pump from the valley's aquifer, starting in 2028. Landowners
        who exceeded their allocation would pay a fee of $300 per acre-foot.

        State law requires the agency to bring the aquifer into balance by 2040. Monitoring
        wells show the water table has dropped by more than 60 feet in parts of the valley
        since 2012, and some rural households have seen their domestic wells go dry.

        Growers said the allocation formula, which is based on the size of a parcel rather
        than on its history of use, would penalize farms that had invested in efficient
        irrigation. "We've done everything we were asked to do, and this plan treats us the
        same as someone who's been pumping flat out," said Tom Vieira, who grows walnuts near
        Mirador.

        Environmental and community groups said the cap was too generous and would not
        protect drinking water wells. Maribel Soto of the Alta Valley Water Justice Coalition
        said families in Las Lomas had been hauling water in jugs since the summer. "Every
        month we delay is another month of that," she said.

        Supervisor Gloria Benavides, who voted against the delay, said the county risked
        losing control of its groundwater to the state if it missed its deadlines. The board
        will take up the item again on Jan. 13.
    """,
)

BROKEN_UNDERSHERIFF_STORY = courier(
    slug="sheriff-names-new-undersheriff",
    section="Public Safety",
    when=(21, 13, 0),
    headline="Sheriff names veteran investigator as new undersheriff",
    authors=("Luis Ortega",),
    tags=("Alta County Sheriff's Office",),
    caption="The Alta County Sheriff's Office headquarters in Mirador.",
    credit="Luis Ortega / Valley Courier",
    body="""
        Alta County Sheriff Dolores Ibarra has named a veteran investigator as her second in
        command.

        The appointment takes effect on Jan. 4.
    """,
)
"""Listed in the news sitemap; its URL answers 500 (a CMS fault), so it is never served."""

STORIES: tuple[DemoArticle, ...] = (
    WATER_RATES,
    CANNERY_HOUSING,
    PRESCRIBED_BURNS,
    COUNSELORS,
    BRIDGE_RETROFIT,
    WATER_BUDGET_INSIDER,
    FARMWORKER_HOUSING,
    GROUNDWATER_DELAY,
)
