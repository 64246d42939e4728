"""Undamaged news articles written for the evaluation, one tuple of paragraphs each.

Every article is correct text that ``clean`` must leave exactly as it is: bracketed
alterations that belong to the sentence (``[doesn't]``, ``[Governor Ana] Ruiz``), transcript
marks (``[inaudible]``), spaced ellipses, bylines, photo credits that recur, live-blog
timestamps, initialisms. None holds an editorial note, a placeholder or boilerplate: those are
what :mod:`eval.damage` adds.
"""

ARTICLES: tuple[tuple[str, ...], ...] = (
    (
        "By Maria Lopez",
        "The city council voted 7-2 on Tuesday to close the Elm Street bridge for repairs, "
        "a decision that will reroute about 12,000 cars a day.",
        "Council member Dana Pruitt said she “honestly [doesn’t] know how long the work will "
        "take,” but engineers have estimated eight months.",
        "Residents who spoke at the meeting were divided. “We were told this would happen "
        "years ago,” said Tom Heller, who runs a bakery near the bridge.",
    ),
    (
        "Opposition leaders in the capital said on Monday that the government remained "
        "focused on [Ramos’s] detention rather than on the economy.",
        "“The people [are] tired of waiting,” one senior lawmaker told reporters outside "
        "parliament, adding that protests would continue through the week.",
        "The interior ministry did not respond to a request for comment.",
        "Alex Bieri.",
    ),
    (
        "Analysts say the central bank is unlikely to cut rates this month because "
        "[Governor Elena] Marsh believes inflation has not yet peaked.",
        "Prices rose 4.1% in the year to March, the statistics office said, led by food and "
        "energy.",
        "“We have to be patient . . . and we have to be honest about the risks,” Marsh said "
        "in a speech last week.",
    ),
    (
        "WASHINGTON (Reuters) - The U.S. Department of Energy said on Thursday it has the "
        "authority under [federal law] to designate new transmission corridors.",
        "The move, which utilities have sought for years, could speed the approval of power "
        "lines that cross state borders.",
        "Reporting by Tom Hale; Editing by Ruth Mendes",
    ),
    (
        "MAYOR CARVER: Thank you all for coming. We have [inaudible] a lot to get through.",
        "REPORTER: Will the curfew be lifted this weekend?",
        "MAYOR CARVER: I can’t promise that. [crosstalk] One at a time, please.",
        "REPORTER: Is the National Guard staying?",
        "MAYOR CARVER: Yes. [laughter] For now, yes.",
    ),
    (
        "Live updates: Storm Hilda makes landfall",
        "10:42 a.m. ET: The storm’s eye crossed the coast near Port Alma, the National "
        "Hurricane Center said.",
        "11:15 a.m. ET: Power companies reported more than 200,000 customers without "
        "electricity across three counties.",
        "11:50 a.m. ET: The governor urged residents to stay indoors. “Please [don’t] go out "
        "to look at the water,” she said.",
    ),
    (
        "The F.B.I. opened an inquiry into the data breach at the hospital group last month, "
        "according to two people familiar with the matter.",
        "A spokeswoman for the hospital said it was “cooperating fully with [investigators]” "
        "and had notified patients whose records may have been exposed.",
        "Getty Images.",
        "The breach affected systems in Ohio and Indiana, the company said in a filing.",
        "Getty Images.",
    ),
    (
        "Farmers in the valley say the drought is the worst they can remember. “I’ve been "
        "here forty years and I have never seen [the river] this low,” said Ruth Okafor.",
        "The state declared an emergency on Friday, freeing up $40 million in aid.",
        "Officials said water restrictions would stay in place until at least October.",
    ),
    (
        "“[W]e will rebuild every school that was damaged,” the education minister said on "
        "Sunday, speaking in the town of Nerva.",
        "At least fourteen schools were hit by the floods, and classes have been moved to "
        "community halls and churches.",
        "Parents said they were grateful but worried. “It is a start . . . but winter is "
        "coming,” said one mother of three.",
    ),
    (
        "The company’s chief executive, Priya Natarajan, told shareholders that the merger "
        "would “[create] the largest rail freight operator in the region.”",
        "Regulators in the E.U. and the U.K. must still approve the deal, which is valued at "
        "about $9.8 billion.",
        "Shares rose 3% in early trading.",
    ),
    (
        "By Sam Whitaker and Lea Fontaine",
        "Negotiators from both sides met in Geneva for a third round of talks on Wednesday, "
        "the U.N. said.",
        "A Western diplomat said the mood was “better than anyone expected [it] to be,” but "
        "cautioned that no agreement was close.",
        "The next round is scheduled for early June.",
    ),
    (
        "Police said a 34-year-old man was arrested on Saturday night after a car struck "
        "several pedestrians on Market Street.",
        "Witnesses described chaos. “People were screaming, there was glass everywhere . . . "
        "I just ran,” said a student who was waiting for a bus.",
        "Three people were taken to hospital with minor injuries.",
    ),
    (
        "Senator Julia Brandt said on Tuesday she would vote against the bill because "
        "[its authors] had ignored the concerns of rural hospitals.",
        "“I [have] read every page of it, and it does not help the people I represent,” "
        "Brandt said in a statement.",
        "The bill needs 60 votes to advance.",
    ),
    (
        "Tickets for the final sold out in under an hour, organisers said, despite prices "
        "starting at $150.",
        "“We [didn’t] expect demand like this,” said tournament director Hugo Lamarre.",
        "The match will be played at 8 p.m. local time on Sunday.",
        "Getty/Instagram.",
    ),
    (
        "The museum will return the bronze statue to Greece next spring, ending a dispute "
        "that lasted more than thirty years.",
        "In a letter, the museum’s board said it had concluded that [the statue] was taken "
        "illegally in the 1970s.",
        "Greek officials welcomed the decision. “This is a day of justice,” the culture "
        "minister said.",
    ),
    (
        "INTERVIEWER: When did you first hear about the closure?",
        "WORKER: On the radio. Nobody told us anything. [pause] We found out like everybody else.",
        "INTERVIEWER: What will you do now?",
        "WORKER: I don’t know. [sighs] Look for something else, I guess.",
    ),
    (
        "Dr. Helen Cho, a Ph.D. researcher at the university, said the new vaccine trial "
        "would enrol 3,000 volunteers in the U.S. and Canada.",
        "“If the results hold, [this] could change how we treat the disease,” Cho said.",
        "The first results are expected in the autumn.",
    ),
    (
        "Residents of the northern district were told to boil their water after tests found "
        "bacteria in the supply, the utility said on Friday.",
        "The notice affects about 40,000 homes. Bottled water is being handed out at three "
        "schools.",
        "“We apologise for the inconvenience,” a spokesman said. “[Our] crews are working "
        "around the clock.”",
    ),
    (
        "The prime minister said on Thursday that the country would “not be bullied” by "
        "[its] larger neighbours over fishing rights.",
        "The dispute flared this month after two trawlers were detained near the border.",
        "Talks between the two governments are expected next week in Oslo.",
    ),
    (
        "Union leaders called off the strike late on Sunday after the company agreed to "
        "raise wages by 6% over two years.",
        "“It is not everything we asked for, but it is [a] fair deal,” said union president "
        "Marco Silva.",
        "Trains will run normally from Monday morning.",
        "Reporting by Ana Duarte",
    ),
    (
        "The defendant told the court he had “no memory of [the] events” of that night.",
        "Prosecutors said phone records placed him at the scene at 11:40 p.m.",
        "The trial continues on Wednesday. Judge Ellen Ross told jurors not to read news "
        "reports about the case.",
    ),
    (
        "Live: Election night",
        "9:02 p.m.: Polls have closed in the eastern counties. Turnout appears higher than in "
        "2020.",
        "9:30 p.m.: The first results show the incumbent ahead by a narrow margin.",
        "9:58 p.m.: Campaign staff say they expect a long night. “We are not calling "
        "anything . . . until every vote is counted,” a spokesman said.",
    ),
    (
        "A wildfire that started on Monday near the town of Ridgefield has burned more than "
        "5,000 acres, fire officials said.",
        "“The wind is our biggest enemy right now,” said fire chief Carla Nunez. “If [it] "
        "shifts, we could lose the ridge.”",
        "Evacuation orders remain in place for about 2,000 residents.",
    ),
    (
        "The World Health Organization said on Wednesday that cases of measles had risen "
        "sharply in Europe and Central Asia.",
        "Officials urged parents to make sure their children [were] vaccinated before the "
        "school year.",
        "More than 30,000 cases were reported in the first quarter, the agency said.",
    ),
    (
        "PRESIDENT: I want to thank the families who are here today. [applause]",
        "PRESIDENT: We made a promise, and we [kept] it. This bridge is open.",
        "PRESIDENT: Thank you. God bless you all. [applause]",
    ),
    (
        "Shares of the carmaker fell 8% on Friday after it cut its sales forecast for the "
        "year, citing weak demand in China.",
        "The company’s finance chief said the market was “tougher than [we] expected” but "
        "that new models would help next year.",
        "The stock has lost a third of its value since January.",
    ),
    (
        "The Supreme Court agreed on Monday to hear a case about whether police need a "
        "warrant to track a phone’s location for more than a day.",
        "Lower courts have split on the question. One judge wrote that the practice "
        "“[raises] serious constitutional concerns.”",
        "Arguments are expected in the autumn, with a ruling by next June.",
    ),
    (
        "A 19-year-old climber from Nepal reached the summit of Everest on Tuesday, becoming "
        "one of the youngest women to do so.",
        "“I [was] crying at the top,” she told reporters in Kathmandu. “I thought of my mother.”",
        "Photo: Tenzing Sherpa.",
        "She was accompanied by two guides and an expedition doctor.",
    ),
    (
        "The school board voted on Thursday to keep its phone ban in place for another year.",
        "Board chair Linda Osei said teachers reported “fewer fights and better focus” since "
        "[the ban] took effect last autumn.",
        "Some parents objected, saying they needed to reach their children in an emergency.",
        "Yes.",
        "That was the one-word reply from the superintendent when asked if the rule would "
        "be reviewed.",
    ),
    (
        "Officials in Washington, D.C., said the subway’s Red Line would close for two "
        "weekends in July for track work.",
        "Shuttle buses will replace trains between four stations. “We know [this] is a "
        "burden,” the transit authority said.",
        "The work is part of a $300 million repair plan.",
    ),
    (
        "The airline said it would cancel about 400 flights this week after a software fault "
        "grounded part of its fleet.",
        "“We are deeply sorry,” said chief executive Omar Haddad. “[Customers] deserve "
        "better than this.”",
        "Passengers can rebook without a fee until Sunday.",
        "By Nina Castell.",
    ),
    (
        "Scientists said on Wednesday that the ice shelf had lost an area the size of a small "
        "city in a single week.",
        "“We have [never] seen a collapse this fast,” said glaciologist Erik Lund, who leads "
        "the monitoring team.",
        "The research was published in the journal Nature.",
    ),
    (
        "The governor signed a law on Friday that raises the minimum wage to $17 an hour by 2027.",
        "Business groups warned that [small employers] would struggle to absorb the cost.",
        "“This is about dignity,” Governor Ana Ruiz said at the signing. “People who work "
        "full time [shouldn’t] live in poverty.”",
    ),
    (
        "Rescue teams pulled two people alive from the rubble of a collapsed apartment block "
        "on Saturday, more than 40 hours after the earthquake.",
        "“We heard knocking . . . and then a voice,” said one rescuer. “It was a miracle.”",
        "The death toll rose to 87, officials said.",
    ),
    (
        "Mr. Delgado, who resigned as finance minister in March, said in an interview that "
        "he had warned [the president] about the deficit months earlier.",
        "“Nobody wanted to hear it,” he said. “[They] thought the problem would go away.”",
        "The presidency declined to comment.",
    ),
    (
        "A pilot program that gives cash to new mothers will be expanded to three more "
        "cities, the state health department said on Tuesday.",
        "Early results showed fewer emergency visits among infants, the department said, "
        "though it cautioned that “[the] data are preliminary.”",
        "The program costs about $4 million a year.",
        "Reporting by Jo Kim; Editing by Ruth Mendes",
    ),
    (
        "COACH: We didn’t play well. I’m not going to make excuses.",
        "REPORTER: What happened in the second half?",
        "COACH: We stopped moving the ball. [inaudible] We have to be better.",
        "REPORTER: Is the captain injured?",
        "COACH: I don’t know yet. We’ll see tomorrow.",
    ),
    (
        "The port authority said on Monday that container traffic rose 12% in the first "
        "quarter, the strongest start to a year since 2018.",
        "“Demand from [Asian] markets has come back faster than we forecast,” said the "
        "authority’s director, Pieter de Vries.",
        "The port handled 2.3 million containers in the period.",
    ),
    (
        "Two climbers were rescued from Mount Rainier on Sunday after spending a night in a "
        "snow cave, park officials said.",
        "“They did everything right,” said ranger Beth Tolley. “They stayed put and [they] "
        "kept warm.”",
        "Both were treated for mild frostbite.",
        "Photo: National Park Service.",
    ),
    (
        "The city’s new mayor said on her first day in office that she would review every "
        "contract signed by [her predecessor] in his final month.",
        "“The public deserves to know where the money went,” Mayor Grace Obi said.",
        "Her predecessor, Carl Dent, said he welcomed the review and had nothing to hide.",
    ),
    (
        "A court in Lyon sentenced the former mayor to two years in prison on Thursday for "
        "misusing public funds.",
        "The judge said [the defendant] had shown “no remorse whatsoever” during the trial.",
        "His lawyer said he would appeal. “This is not . . . the end of the story,” she told "
        "reporters.",
    ),
    (
        "Live: Budget day",
        "[12:31 p.m.] The finance minister has begun her speech in parliament.",
        "[12:45 p.m.] She confirms the income tax threshold will rise by 5%.",
        "[1:10 p.m.] Opposition members interrupt with shouts of “shame.” The speaker calls "
        "for order.",
    ),
    (
        "Researchers at the university have built a robot that can sort recycling twice as "
        "fast as a human worker, they said on Tuesday.",
        "“It [isn’t] perfect, but it learns from every mistake,” said project lead Sara "
        "Mwangi, who holds a Ph.D. in computer science.",
        "The team hopes to test it at a plant in Ohio next year.",
    ),
    (
        "Sen. Dale Hooper (D-W.Va.) said on Tuesday that he would vote no. Hooper called the "
        "bill “a gift to the banks” and urged ex-Gov. Ruth Ames to oppose it as well.",
        "Its sponsor, Sen. Carla Wendt (R-Kan.), said the No. 2 Democrat in the chamber had "
        "backed an earlier version. “He [Hooper] knows that,” she said.",
        "HOOPER: I have read it twice. [crosstalk] Let me answer the question.",
        "WENDT: We will see. [laughter] The votes are there.",
    ),
    (
        "Nurses walked off the job at two hospitals in Rochester, N.Y. Police said the picket "
        "was peaceful, and a third hospital, in Albany, N.Y., is expected to join on Friday.",
        "SEN. WENDT: We have asked both sides to come back to the table.",
        "MS. ORTIZ: They will not. Not this week.",
    ),
)
