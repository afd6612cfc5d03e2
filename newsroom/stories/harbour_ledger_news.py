"""The Harbour Ledger's news desk: Harbourton, a fictional port town on the Westmarsh coast."""

from __future__ import annotations

from newsroom.records import DemoArticle
from newsroom.stories.build import ledger

FERRY_CUTS = ledger(
    slug="skerry-isles-ferry-winter-sailings-cut",
    section="Transport",
    when=(16, 7, 15),
    headline="Skerry Isles ferry to cut winter sailings to two a day",
    authors=("Eleanor Marsh",),
    tags=("Skerry Isles", "Ferries", "Westmarsh County Council"),
    caption="The ferry Skerry Maid leaving Harbourton on a grey November morning.",
    credit="Tom Whitcombe/The Harbour Ledger",
    body="""
        Islanders on the Skerry Isles will have only two ferry crossings a day to Harbourton
        from next month after the operator confirmed it would withdraw its midday sailing
        until March. Westmarsh Ferries said falling passenger numbers and the cost of fuel
        had left the winter timetable "impossible to sustain" in its current form.

        The company's managing director, Gareth Nance, told the Ledger that the midday
        crossing carried an average of eleven passengers on weekdays last winter, against a
        vessel licensed for 240. "We have looked at every alternative, and this is the one
        that keeps the early and late boats running," he said.

        The decision has angered residents of the three inhabited islands, where about 900
        people live year-round. Many rely on the ferry to reach Harbourton General Hospital,
        the secondary school and the supermarket on Quay Street.

        Moira Trevail, who chairs the Skerry Community Council, said the midday boat was the
        only practical option for older islanders with hospital appointments. "If your
        clinic is at ten and the next boat home is at six, you are looking at a whole day in
        town, in December, with nowhere to wait," she said.

        Westmarsh County Council, which subsidises the route, said it had not been consulted
        before the announcement and would ask the operator to delay the change. A
        spokesperson said officers were reviewing the terms of the contract, which runs
        until 2029.

        The new timetable, due to take effect on 7 December, has the first sailing leaving
        the islands at 07.10 and the last returning from Harbourton at 17.45. Freight
        sailings on Tuesdays and Fridays are unaffected.

        Passengers can respond to a consultation on the operator's website until 30
        November. The company said it would publish a summary of the responses before the
        end of the year.
    """,
)

SEA_WALL = ledger(
    slug="councillors-back-quayside-sea-wall-rebuild",
    section="Politics",
    when=(16, 18, 40),
    updated=(16, 21, 5),
    headline="Councillors back £4.2m rebuild of Quayside sea wall",
    authors=("Ravi Patel", "Eleanor Marsh"),
    tags=("Harbourton Borough Council", "Flooding", "Quayside"),
    caption="Waves breaking over the Quayside sea wall near the lifeboat station last winter.",
    credit="Eleanor Marsh/The Harbour Ledger",
    body="""
        Harbourton Borough Council has approved a £4.2m plan to rebuild the crumbling sea
        wall along Quayside, after engineers warned that a section near the lifeboat station
        could fail in a major winter storm. The decision was taken by 29 votes to four at a
        full council meeting on Monday evening.

        The wall, most of which dates from the 1880s, protects about 350 homes and
        businesses in the lower town. A survey commissioned last year found voids behind the
        stonework along a 200-metre stretch, where the sea has washed out the rubble infill.

        Cllr Sandra Oyelaran, the cabinet member for environment, said the council could not
        wait for national funding to arrive. "Every winter we patch it and hope. The
        engineers have told us in plain language that hope is not a strategy," she told the
        chamber.

        The scheme will be paid for with £2.5m of council borrowing, £1.2m from a national
        flood defence programme and a contribution from the harbour authority. Work is
        expected to begin in April and last about fourteen months.

        The four councillors who voted against, all members of the Independent group, said
        they supported the repairs but objected to a plan to close part of the Quayside car
        park during construction. Cllr Derek Hollis said traders had been given "a
        fortnight's notice of a year's disruption".

        Council officers said temporary parking would be provided on the former gasworks
        site on Mill Lane, and that a free shuttle bus would run on Saturdays during the
        works.

        A public exhibition of the designs will be held at the Guildhall on 28 and 29
        November, with engineers on hand to answer questions.
    """,
)

NIGHT_CLINIC = ledger(
    slug="harbourton-general-overnight-urgent-treatment-centre",
    section="Health",
    when=(17, 10, 5),
    headline="Harbourton General to open overnight urgent treatment centre",
    authors=("Bethan Lloyd",),
    tags=("Harbourton General Hospital", "NHS", "Emergency care"),
    caption="The former outpatients wing at Harbourton General, which is being refurbished.",
    credit="Bethan Lloyd/The Harbour Ledger",
    body="""
        An urgent treatment centre that will stay open overnight is to open at Harbourton
        General Hospital in January, in an attempt to ease pressure on its emergency
        department. The centre will treat minor injuries and illnesses such as sprains, cuts
        and infections between 8pm and 8am, seven days a week.

        Hospital managers say up to a third of people who arrive at A&E at night could be
        seen more quickly by nurse practitioners and GPs in a separate unit. Last winter,
        the average wait in the emergency department after midnight was just over five
        hours.

        Dr Priya Raman, the hospital's clinical director for urgent care, said the change
        was "about putting the right clinician in front of the right patient". She added:
        "People with a broken wrist should not be sitting for hours next to someone who is
        having a heart attack, and the staff in A&E should not have to choose between them."

        The centre will occupy the former outpatients wing, which has been refurbished at a
        cost of £1.8m. It will have eight treatment cubicles, an X-ray room and a small
        waiting area with its own entrance from Fore Street.

        The local branch of the nurses' union welcomed the plan but questioned how it would
        be staffed. Its regional officer, Lydia Crane, said nine of the fourteen posts
        advertised so far had been filled, some by nurses moving from other departments of
        the same hospital.

        The hospital trust said recruitment was continuing and that agency staff would cover
        any gaps during the first months. Patients are asked to call 111 before travelling,
        so they can be directed to the right service.
    """,
)

STORM_ILSE = ledger(
    slug="storm-ilse-closes-harbour-gusts-top-80mph",
    section="News",
    when=(18, 21, 50),
    updated=(19, 6, 30),
    headline="Storm Ilse closes harbour as gusts top 80mph",
    authors=("Tom Whitcombe", "Eleanor Marsh", "Ravi Patel"),
    tags=("Storm Ilse", "Weather", "Harbourton harbour"),
    caption="Spray rises over Marine Terrace as Storm Ilse reaches the coast.",
    credit="Tom Whitcombe/The Harbour Ledger",
    body="""
        Harbourton's harbour was closed to all shipping on Wednesday evening as Storm Ilse
        brought gusts of more than 80mph to the Westmarsh coast. The harbour master ordered
        vessels to remain at their moorings until at least midday on Thursday.

        Forecasters issued an amber wind warning for the coast from 6pm on Wednesday until
        9am on Thursday. A gust of 83mph was recorded at the Gull Point weather station
        shortly before 8pm, the highest reading there since February 2020.

        Waves overtopped the sea wall on Quayside throughout the evening, and police closed
        the road between the lifeboat station and the fish market. Sandbags were handed out
        at the Guildhall to residents of Marine Terrace, where several basements flooded
        during a storm last winter.

        Westmarsh Electricity Networks said about 2,300 homes in the Harbourton area had
        lost power by 9pm, most of them in villages along the coast road. The company said
        engineers would work through the night where it was safe to do so.

        The Skerry Isles ferry did not sail after 2pm, and Westmarsh Ferries said Thursday
        morning's crossings were also cancelled. Trains between Harbourton and Westmarsh
        Junction were replaced by buses after a tree fell on the line near Penlow.

        Harbour master Captain Neil Rowe said the decision to close the port had been taken
        early to give crews time to double their mooring lines. "This one was well
        forecast. Nobody needed to be caught out, and as far as we know, nobody was," he
        said.

        Forecasters expect the wind to ease on Thursday afternoon, although a yellow warning
        for rain remains in place until Friday.
    """,
)

LIFEBOAT_THEFT = ledger(
    slug="man-jailed-for-stealing-from-lifeboat-station",
    section="Courts",
    when=(19, 12, 0),
    headline="Man jailed for stealing equipment from lifeboat station",
    authors=("Callum Reid",),
    tags=("Courts", "Harbourton lifeboat", "Crime"),
    caption="Harbourton lifeboat station, where the side door was forced in August.",
    credit="Callum Reid/The Harbour Ledger",
    body="""
        A man who stole radios, life jackets and a thermal imaging camera from Harbourton
        lifeboat station has been jailed for sixteen months. Kieran Dowling, 34, of Cable
        Street, admitted burglary and handling stolen goods at Westmarsh Crown Court on
        Thursday.

        The court heard that Dowling forced a side door of the boathouse in the early hours
        of 3 August and took equipment worth about £14,000. Volunteers discovered the
        break-in when they arrived for a training exercise later that morning.

        Prosecutor Alison Greer said the theft had left the station unable to launch its
        inshore boat for two days while replacement kit was borrowed from a neighbouring
        station. "Every minute of that time, the coast was less safe," she told the court.

        Some of the equipment was recovered after it was offered for sale on an online
        marketplace. Police traced the seller's account to Dowling, who had pawned two of the
        radios at a shop in Westmarsh.

        His barrister, Owen Kemp, said Dowling had been struggling with debt and addiction at
        the time, and had since written to the station to apologise. He said his client was
        "deeply ashamed" that he had stolen from volunteers.

        Judge Helen Marchetti said the offence had put lives at risk. "The people who crew
        that boat go out in weather that the rest of us watch from our windows," she said.
        "You took from them the tools they use to bring others home."

        The station's operations manager, Phil Coad, said the crew were grateful for
        donations that had paid for the replacements within a week.
    """,
)

BRANCH_LINE = ledger(
    slug="westmarsh-branch-line-two-week-closure",
    section="Transport",
    when=(20, 16, 45),
    headline="Westmarsh branch line to close for two weeks of track renewal",
    authors=("Eleanor Marsh",),
    tags=("Rail", "Westmarsh College", "Penlow"),
    caption="A two-carriage train crosses the viaduct at Trevean Creek.",
    credit="Harbourton Rail Users' Group",
    body="""
        The railway between Harbourton and Westmarsh Junction will close for two weeks in
        January while engineers replace almost four miles of track and repair a Victorian
        viaduct. Rail replacement buses will run throughout the closure, adding up to forty
        minutes to journeys.

        Network managers said the work, which starts on 10 January, was the largest on the
        branch since it was resignalled in 1998. Sections of rail near Penlow have been
        limited to 30mph since the summer because of wear on the sleepers.

        The viaduct at Trevean Creek will have its parapets rebuilt and its drainage
        renewed. Engineers found last year that water running through the structure had
        started to wash mortar out of the joints in several of its nine arches.

        About 1,800 passengers use the line on a typical weekday, many of them students
        travelling to Westmarsh College. The college said it would allow students to start
        morning classes half an hour later during the closure.

        Graham Uren, chair of the Harbourton Rail Users' Group, said the closure was
        "painful but overdue". He asked for buses to stop at Penlow village as well as at the
        station, which is a mile from the centre up a steep, unlit lane.

        The rail operator said it was considering the request. Tickets will be valid on the
        replacement buses, and passengers with bicycles are advised to book space on a
        dedicated van that will run twice a day in each direction.
    """,
)

SCHOOL_HEATING = ledger(
    slug="saltmarsh-primary-pupils-sent-home-heating-fails",
    section="Education",
    when=(21, 7, 50),
    headline="Pupils sent home as school heating fails for third time this term",
    authors=("Aisha Okafor",),
    tags=("Schools", "Saltmarsh", "Westmarsh County Council"),
    caption="Saltmarsh Primary School, where the 1970s boiler broke down on Thursday.",
    credit="Aisha Okafor/The Harbour Ledger",
    body="""
        Pupils at Saltmarsh Primary School were sent home on Friday after the heating failed
        for the third time since September, leaving classrooms at eleven degrees. Parents
        were told by text message shortly after 8am to collect their children or keep them
        at home.

        The school's 1970s boiler broke down on Thursday afternoon, and a repair team could
        not obtain a replacement part before the weekend. Headteacher Louise Penhaligon said
        she had no choice but to close. "We cannot teach five-year-olds in coats and
        gloves," she said.

        The boiler is due to be replaced next summer as part of a county-wide programme, but
        parents say that is too late. A petition asking the council to bring the work
        forward had collected 640 signatures by Friday evening.

        Kayleigh Moyle, whose two children attend the school, said working parents were
        struggling with short-notice closures. "I've used up my leave for the year, and it's
        November," she said. "The staff are brilliant, but they're working in a building
        that's falling apart."

        Westmarsh County Council said engineers would fit temporary heaters on Monday so the
        school could reopen. A spokesperson said the authority was "looking urgently" at
        whether the boiler replacement could be moved to the February half-term.

        The council's most recent survey of school buildings, published in the spring,
        listed eighteen primary schools in the county with heating systems past the end of
        their expected life.
    """,
)

BY_ELECTION = ledger(
    slug="saltmarsh-ward-by-election-called",
    section="Politics",
    when=(21, 13, 30),
    headline="By-election called in Saltmarsh ward after councillor steps down",
    authors=("Ravi Patel",),
    tags=("Harbourton Borough Council", "Elections", "Saltmarsh"),
    caption="Saltmarsh Methodist Hall, one of the ward's two polling stations.",
    credit="Ravi Patel/The Harbour Ledger",
    body="""
        A by-election will be held in Harbourton's Saltmarsh ward on 17 December after the
        resignation of its long-serving councillor, Margaret Tonkin, who is moving away to
        be closer to her family. Mrs Tonkin, 74, had represented the ward as an independent
        since 2006.

        In a letter to the borough's chief executive, she said it had been "the privilege of
        my life" to serve the ward, where she was born. She thanked residents for "eighteen
        years of cups of tea, complaints and kindness".

        Nominations open on Monday and close on 2 December. Candidates need the signatures
        of ten electors registered in the ward. The borough's returning officer said polling
        stations would be at Saltmarsh Methodist Hall and at the primary school.

        The result will not change control of the council, where the governing coalition
        holds a majority of five. But it comes at a delicate moment, with the authority due
        to set its budget in February and several close votes expected on the sea wall
        scheme and on parking charges.

        Two people have already said they will stand. Hamid Rahimi, a pharmacist who runs
        the Saltmarsh Road chemist, will be the coalition's candidate, while retired fire
        officer Paul Jenkin is expected to stand as an independent.

        Turnout in the ward at the last local elections was 31 per cent. Residents who are
        not yet registered to vote have until 1 December to apply, and postal votes can be
        requested from the Guildhall until the following week.
    """,
)

KAYAK_RESCUE = ledger(
    slug="lifeboat-rescues-kayakers-off-gull-point",
    section="News",
    when=(22, 11, 15),
    headline="Lifeboat crew rescues two kayakers swept out past Gull Point",
    authors=("Tom Whitcombe",),
    tags=("Harbourton lifeboat", "Gull Point", "Sea safety"),
    caption="The inshore lifeboat returning to the slipway with the two kayaks in tow.",
    credit="Harbourton Lifeboat Station",
    body="""
        Two kayakers were rescued by Harbourton's lifeboat on Saturday morning after the
        wind and an ebbing tide carried them more than a mile out to sea past Gull Point.
        Both were brought ashore cold but unhurt shortly before 10am.

        The coastguard was alerted at 9.12am by a walker on the coast path who saw the pair
        struggling to paddle back toward the beach at Polventon Cove. The inshore lifeboat
        launched eight minutes later.

        Helmsman Rachel Pascoe said the kayakers, a man and a woman in their twenties, had
        done the right thing by staying with their boats and keeping together. "They were
        wearing buoyancy aids and they had a phone in a waterproof pouch, which made our job
        far easier," she said.

        Crew members took both kayakers aboard and towed their boats back to the station,
        where paramedics checked them over. The pair, who are visiting the area from the
        Midlands, later thanked the volunteers in person.

        It was the station's 47th call-out of the year, eleven more than in the whole of last
        year. The station's volunteer press officer, Mike Ellery, said the rise reflected the
        growing number of people taking to the water in paddleboards and kayaks outside the
        summer season.

        The coastguard advised anyone going afloat to check the tide times and the offshore
        wind forecast, to carry a means of calling for help and to tell someone on land when
        they expect to be back.
    """,
)

CONVERTER_THEFTS = ledger(
    slug="police-appeal-catalytic-converter-thefts",
    section="Courts",
    when=(23, 19, 25),
    headline="Police appeal after catalytic converters stolen from 19 cars",
    authors=("Callum Reid", "Tom Whitcombe"),
    tags=("Crime", "Police", "Saltmarsh"),
    caption="A car on Penlow Road with the cut pipe where its converter was removed.",
    credit="Callum Reid/The Harbour Ledger",
    body="""
        Police are appealing for information after catalytic converters were cut from
        nineteen vehicles in Harbourton over the past fortnight. Most of the thefts happened
        overnight in residential streets in the Saltmarsh and Penlow Road areas.

        Thieves target the devices because they contain small amounts of precious metals,
        including platinum and rhodium, which can be sold to scrap dealers. Hybrid cars,
        which have converters that corrode less quickly, are particularly sought after.

        Detective Sergeant Amy Bolitho said the thefts appeared to be the work of a group
        travelling into the area by car. "A converter can be cut off in under two minutes
        with a battery-powered saw. Residents have described hearing a loud grinding noise in
        the early hours," she said.

        Several victims said they had been left without a car for weeks while waiting for
        replacement parts. Carer Jo Tremayne said the theft of her converter had meant
        cancelling visits to three elderly clients. "The repair is £1,400, and my insurance
        excess is £500," she said.

        Officers are increasing patrols at night and have asked residents with doorbell or
        dashboard cameras to check their footage. Anyone who sees people crawling under
        parked vehicles is urged to call 999 immediately.

        Police also advised owners to park in garages or well-lit areas where possible, and
        to ask garages about marking converters with a unique number, which makes stolen
        parts harder to sell on.
    """,
)

DELETED_PARKING_STORY = ledger(
    slug="quayside-parking-charges-set-to-double",
    section="News",
    when=(17, 8, 45),
    headline="Quayside parking charges set to double, leaked report suggests",
    authors=("Ravi Patel",),
    tags=("Parking", "Quayside"),
    caption="The Quayside car park.",
    credit="Ravi Patel/The Harbour Ledger",
    body="""
        Parking charges at the Quayside car park could double next year, according to a
        draft report seen by the Ledger.

        This story was withdrawn after publication because the report it described had been
        superseded.
    """,
)
"""Listed in the outlet's feed but deleted from the site: its URL answers 404."""

STORIES: tuple[DemoArticle, ...] = (
    FERRY_CUTS,
    SEA_WALL,
    NIGHT_CLINIC,
    STORM_ILSE,
    LIFEBOAT_THEFT,
    BRANCH_LINE,
    SCHOOL_HEATING,
    BY_ELECTION,
    KAYAK_RESCUE,
    CONVERTER_THEFTS,
)
