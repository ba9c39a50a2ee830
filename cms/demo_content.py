"""Demo curriculum for `manage.py seed_demo`.

Plain data, so that the demo can be rebuilt idempotently by `cms.builders.build_programme` and
reviewed without Django. It follows UNITAR's Policy and Training Programme for Ambassadors and
Diplomats at the United Nations (PATIT) and the UN Website Section's web-site workshops for
permanent missions, as described in the Secretary-General's report E/2003/75 (paragraphs 3-4 and
29-33). Lesson bodies use the blocks of `cms.blocks.LessonBodyBlock`: `rich_text` and `callout`.
"""

PROGRAMMES = [
    {
        "slug": "patit",
        "title": (
            "Policy and Training Programme for Ambassadors and Diplomats at the United Nations"
        ),
        "short_title": "PATIT",
        "intro": (
            "A cycle of four progressive modules and one policy seminar that gives diplomats at "
            "the United Nations the practical computer and Internet skills their daily work "
            "depends on. Modules 1 to 4 are for all mission staff; the seminar is intended "
            "primarily for ambassadors and senior diplomats."
        ),
        "description": (
            "<p>The Policy and Training Programme for Ambassadors and Diplomats at the United "
            "Nations (PATIT) was launched by the United Nations Institute for Training and "
            'Research (<a href="https://unitar.org/">UNITAR</a>) under the auspices of the '
            "Information and Communication Technologies Task Force and the Ad Hoc Open-ended "
            "Working Group on Informatics. Demand for its first courses exceeded the places "
            "available, confirming the need for more computer training for mission staff.</p>"
            "<p>The programme is a set of four progressive modules and one seminar, presented as a "
            "cycle that is repeated four times a year. The modules build technical know-how for "
            "all diplomats:</p>"
            "<ul>"
            "<li>Module 1: computer hardware</li>"
            "<li>Module 2: software</li>"
            "<li>Module 3: e-mail and professional correspondence</li>"
            "<li>Module 4: web surfing, research, and web design and maintenance</li></ul>"
            "<p>Module 5 is an interactive seminar on policy awareness and information security, "
            "intended primarily for ambassadors and senior diplomats. Each module ends with a "
            "short knowledge check.</p>"
        ),
        "audience": (
            "Diplomats and staff of permanent and observer missions to the United Nations in New "
            "York. Modules 1 to 4 suit all mission staff; the seminar is intended primarily for "
            "ambassadors and senior diplomats."
        ),
        "languages": ["en", "fr", "ar"],
        "modules": [
            {
                "number": 1,
                "kind": "module",
                "title": "Computer hardware essentials",
                "slug": "computer-hardware",
                "summary": (
                    "Understand the parts of a computer, the devices connected to it and how to "
                    "keep mission equipment working. Learn enough to choose sensible equipment and "
                    "to describe a fault clearly to technical support."
                ),
                "learning_outcomes": [
                    "Identify the main components of a computer and explain what each contributes "
                    "to its performance.",
                    "Connect and use common peripherals, including printers, scanners and "
                    "meeting-room displays.",
                    "Apply basic care routines that protect mission equipment and the data stored "
                    "on it.",
                    "Report a hardware problem to technical support with the details needed to "
                    "solve it.",
                ],
                "estimated_hours": 6,
                "delivery": "elearning",
                "lessons": [
                    {
                        "title": "Inside the mission workstation",
                        "slug": "inside-the-workstation",
                        "summary": (
                            "What the main components of a computer do and which of them matter "
                            "for everyday diplomatic work."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Why hardware matters to a diplomat</h2>"
                                    "<p>You do not need to build a computer to use one well, but "
                                    "knowing what is inside helps you work faster, buy sensibly "
                                    "and explain problems clearly. In a permanent mission, where a "
                                    "handful of officers may cover all six Main Committees, one "
                                    "slow or broken machine can delay a statement that must be "
                                    "delivered this afternoon.</p>"
                                    "<h2>The main components</h2>"
                                    "<ul>"
                                    "<li><b>Processor (CPU).</b> Carries out the instructions of "
                                    "every program. A faster processor helps when many programs "
                                    "run at once, but drafting and correspondence need only a "
                                    "modest one.</li>"
                                    "<li><b>Memory (RAM).</b> The short-term workspace for open "
                                    "programs and documents. Too little memory is the most common "
                                    "reason a computer slows down when you switch between a draft "
                                    "resolution, your e-mail and several web pages.</li>"
                                    "<li><b>Storage.</b> Keeps programs and files when the power "
                                    "is off. Solid-state drives are faster and more robust than "
                                    "older spinning hard disks, which matters for laptops carried "
                                    "between the mission and Headquarters every day.</li>"
                                    "<li><b>Display, keyboard and mouse.</b> The parts you touch "
                                    "all day. A second screen makes it easier to compare a draft "
                                    "text with the previous version side by side.</li>"
                                    "<li><b>Network adapter.</b> Connects the computer to the "
                                    "mission network by cable or by Wi-Fi.</li></ul>"
                                    "<h3>Desktop or laptop?</h3>"
                                    "<p>Desktops cost less for the same performance and are easier "
                                    "to repair. Laptops let delegates take notes in the conference "
                                    "room, work from the Delegates' Lounge or travel with the "
                                    "delegation, but they are easier to lose, so the data they "
                                    "hold needs stronger protection. Many missions give officers a "
                                    "laptop with a docking station, so that one machine serves "
                                    "both at the desk and in meetings.</p>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "tip",
                                    "title": "Read the label before you call",
                                    "text": (
                                        "<p>Most computers carry a sticker with the model and "
                                        "serial number. Note it down together with the mission's "
                                        "inventory number: it is the first thing technical support "
                                        "will ask for.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                    {
                        "title": "Peripherals and connections",
                        "slug": "peripherals-and-connections",
                        "summary": (
                            "How to connect printers, scanners, displays and networks, and what to "
                            "check when a connection fails."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Peripherals in a mission office</h2>"
                                    "<p>A peripheral is any device connected to a computer: "
                                    "printer, scanner, external drive, headset, webcam or "
                                    "projector. In a mission, the shared printer and scanner are "
                                    "often the busiest machines, because signed notes verbales and "
                                    "letters must be scanned before they are sent "
                                    "electronically.</p>"
                                    "<h3>Common connections</h3>"
                                    "<ul>"
                                    "<li><b>USB</b> connects most keyboards, mice, external drives "
                                    "and headsets. The smaller USB-C ports on recent laptops can "
                                    "also carry power and video.</li>"
                                    "<li><b>Video outputs</b> such as HDMI or DisplayPort connect "
                                    "a laptop to an external monitor or a meeting-room screen. "
                                    "Keep a small set of adapters at the mission for visiting "
                                    "members of the delegation and for side events.</li>"
                                    "<li><b>Network printers</b> are reached over the office "
                                    "network rather than by a cable to your desk, so anyone in the "
                                    "mission can use them once they are installed.</li>"
                                    "<li><b>Wi-Fi and Bluetooth</b> connect devices without "
                                    "cables. They are convenient, but switch them off when you do "
                                    "not need them, particularly when travelling.</li></ul>"
                                ),
                            },
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>When something does not work</h2>"
                                    "<ol>"
                                    "<li>Check that the device is switched on and that both ends "
                                    "of every cable are firmly seated.</li>"
                                    "<li>Look for a message on the device itself, such as a paper "
                                    "jam or low toner warning.</li>"
                                    "<li>Make sure you selected the correct printer or display in "
                                    "the program you are using.</li>"
                                    "<li>Close and reopen the program, then restart the computer. "
                                    "This clears many temporary faults.</li>"
                                    "<li>If the problem persists, note what you did and what you "
                                    "saw, and contact the person responsible for IT in the "
                                    "mission.</li></ol>"
                                    "<p>Before an important presentation, test the connection to "
                                    "the room's screen in advance. Conference-room technicians at "
                                    "Headquarters can help, but only if you arrive early.</p>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "warning",
                                    "title": "Unknown USB drives",
                                    "text": (
                                        "<p>Never plug in a USB stick that you found, or that was "
                                        "handed out at a conference or reception without a clear "
                                        "source. Removable media are a well-known route for "
                                        "malicious software. Pass them, unopened, to the person "
                                        "responsible for IT in the mission.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                    {
                        "title": "Care, power and getting help",
                        "slug": "care-and-support",
                        "summary": (
                            "Simple routines that keep equipment reliable, and how to report a "
                            "fault so that it is fixed quickly."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Everyday care</h2>"
                                    "<ul>"
                                    "<li><b>Power.</b> Plug desktop computers and network "
                                    "equipment into a surge protector. An uninterruptible power "
                                    "supply (UPS) gives you time to save your work and shut down "
                                    "safely during a power cut.</li>"
                                    "<li><b>Heat and dust.</b> Keep air vents clear. Do not work "
                                    "with a laptop on a cushion or a pile of papers, which blocks "
                                    "its fans.</li>"
                                    "<li><b>Liquids.</b> If coffee is spilled on a keyboard, "
                                    "switch off and unplug at once, turn the device upside down "
                                    "and call for help. Do not try to dry it with a hair "
                                    "dryer.</li>"
                                    "<li><b>Transport.</b> Shut down the laptop or put it to sleep "
                                    "before packing it, and carry it in a padded bag.</li>"
                                    "<li><b>Restarting.</b> Restart at least once a week so that "
                                    "updates can install and memory is cleared.</li></ul>"
                                    "<h2>Protect the data, not just the machine</h2>"
                                    "<p>Hardware can be replaced; the mission's files often "
                                    "cannot. Keep work documents on the mission's shared, "
                                    "backed-up storage rather than only on your own computer, and "
                                    "make sure laptops are encrypted and protected by a password, "
                                    "so that a lost device does not become a lost file.</p>"
                                ),
                            },
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Reporting a fault</h2>"
                                    "<p>A good fault report saves everyone time. Include:</p>"
                                    "<ul>"
                                    "<li>the device and its inventory or serial number;</li>"
                                    "<li>what you were doing when the problem started;</li>"
                                    "<li>the exact wording of any error message (a photograph of "
                                    "the screen helps);</li>"
                                    "<li>whether the problem can be repeated, and whether "
                                    "colleagues are affected too.</li></ul>"
                                    "<p>Equipment belonging to the mission is the responsibility "
                                    "of its own IT focal point or contractor. Problems with "
                                    "services that the United Nations Secretariat provides to "
                                    "missions are handled by the Secretariat's help desk for "
                                    "missions, so know which route applies before you call.</p>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "note",
                                    "title": "Keep an inventory",
                                    "text": (
                                        "<p>Every mission should keep a simple list of its "
                                        "computers, printers and phones, with their purchase dates "
                                        "and users. It makes replacement planning, insurance "
                                        "claims and handovers between rotating staff much "
                                        "easier.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                ],
                "knowledge_check": {
                    "title": "Check your understanding",
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "A computer becomes very slow whenever a draft resolution, e-mail "
                                "and several web pages are open at the same time. Which component "
                                "is the most likely constraint?"
                            ),
                            "choices": [
                                "The keyboard",
                                "The memory (RAM)",
                                "The display",
                                "The network printer",
                            ],
                            "correct": 1,
                            "explanation": (
                                "Memory is the workspace for open programs, so too little of it "
                                "slows the computer when many are open."
                            ),
                        },
                        {
                            "text": (
                                "A USB stick with no clear source is handed out at a reception. "
                                "What should you do with it?"
                            ),
                            "choices": [
                                "Open it on a mission laptop to check what it contains",
                                "Try it on a public computer rather than a mission one",
                                "Hand it unopened to the person responsible for IT in the mission",
                                "Copy its files to the shared drive and scan them later",
                            ],
                            "correct": 2,
                            "explanation": (
                                "Unknown removable media are a common route for malicious software "
                                "and should be checked by IT before anyone opens them."
                            ),
                        },
                        {
                            "text": (
                                "Which information is most useful when reporting a hardware fault?"
                            ),
                            "choices": [
                                "The exact error message and what you were doing when it appeared",
                                "The price paid for the device",
                                "The colour and size of the device",
                            ],
                            "correct": 0,
                            "explanation": (
                                "The error message and the circumstances let support staff "
                                "reproduce and diagnose the problem."
                            ),
                        },
                    ],
                },
            },
            {
                "number": 2,
                "kind": "module",
                "title": "Software essentials",
                "slug": "software-essentials",
                "summary": (
                    "Work confidently with the operating system, office applications and files "
                    "that carry a mission's daily output, and keep software up to date and safe."
                ),
                "learning_outcomes": [
                    "Explain the role of the operating system and manage accounts, windows and "
                    "keyboard languages.",
                    "Use a word processor, spreadsheet and presentation program for typical "
                    "mission tasks, including tracking changes on draft texts.",
                    "Organise, name and back up files so that colleagues can always find the "
                    "current version.",
                    "Explain why software updates matter and apply them without disrupting work.",
                ],
                "estimated_hours": 8,
                "delivery": "elearning",
                "lessons": [
                    {
                        "title": "The operating system and your desktop",
                        "slug": "operating-system",
                        "summary": (
                            "What the operating system does and how to use it efficiently and "
                            "securely."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>What an operating system does</h2>"
                                    "<p>The operating system is the software that starts when you "
                                    "switch on the computer. It manages the hardware, runs your "
                                    "programs, stores your files and controls who may use the "
                                    "machine. Office computers run one of a small number of widely "
                                    "used systems; the principles below apply to all of them.</p>"
                                    "<h3>Accounts and permissions</h3>"
                                    "<p>Each person should sign in with their own account. Shared "
                                    "logins make it impossible to know who changed or deleted a "
                                    "file, and they weaken security for everyone. Standard "
                                    "accounts are for daily work; administrator rights, which "
                                    "allow software to be installed and settings changed, should "
                                    "be reserved for the staff who maintain the computers.</p>"
                                    "<h3>Working with windows</h3>"
                                    "<ul>"
                                    "<li>Use the taskbar or dock to switch between open "
                                    "programs.</li>"
                                    "<li>Place two windows side by side to compare a draft with "
                                    "the agreed text, or to copy figures from a report into a "
                                    "statement.</li>"
                                    "<li>Lock the screen whenever you leave your desk, even for a "
                                    "few minutes. Every system offers a keyboard shortcut for "
                                    "this: learn it and use it.</li></ul>"
                                ),
                            },
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Writing in several languages</h2>"
                                    "<p>Missions work in many languages. The operating system lets "
                                    "you add keyboard layouts, for example French or Arabic, and "
                                    "switch between them with a shortcut. Right-to-left scripts "
                                    "such as Arabic are supported by modern systems and office "
                                    "applications, but set the correct language in each document "
                                    "so that spelling tools and text direction behave properly.</p>"
                                    "<p>Learn a few system-wide shortcuts, such as copy, paste, "
                                    "undo and switching windows. They work in almost every program "
                                    "and save a surprising amount of time when you are editing a "
                                    "long text under pressure.</p>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "tip",
                                    "title": "Find the language indicator",
                                    "text": (
                                        "<p>If letters suddenly appear in the wrong places as you "
                                        "type, you have probably switched keyboard layout by "
                                        "accident. Look for the language indicator near the clock "
                                        "and switch back.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                    {
                        "title": "Office applications for mission work",
                        "slug": "office-applications",
                        "summary": (
                            "How to use word processing, spreadsheets and presentations for the "
                            "documents a mission produces every day."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Word processing</h2>"
                                    "<p>Statements, letters, reports to capital and draft texts "
                                    "are all produced in a word processor. A few features make a "
                                    "large difference:</p>"
                                    "<ul>"
                                    "<li><b>Styles.</b> Apply heading and paragraph styles instead "
                                    "of formatting by hand. Documents stay consistent, and a table "
                                    "of contents can be generated automatically.</li>"
                                    "<li><b>Track changes and comments.</b> During negotiations a "
                                    "draft resolution may pass between the mission, the capital "
                                    "and partner delegations several times a day. With tracked "
                                    "changes switched on, every proposed insertion and deletion is "
                                    "visible and can be accepted or rejected individually.</li>"
                                    "<li><b>Compare documents.</b> When a facilitator circulates a "
                                    "new revision without marked changes, the compare function "
                                    "shows exactly what has changed since the last version.</li>"
                                    "<li><b>Automatic numbering.</b> Delegates refer to preambular "
                                    "and operative paragraphs by number in the room, so the "
                                    "numbering must update correctly when paragraphs are added or "
                                    "deleted.</li></ul>"
                                    "<h2>Spreadsheets</h2>"
                                    "<p>Spreadsheets suit anything organised in rows and columns: "
                                    "tracking which delegations have joined as co-sponsors, "
                                    "recording how delegations voted, or preparing the mission's "
                                    "budget. Learn to sort and filter lists and to use simple "
                                    "formulas such as sums and counts instead of calculating by "
                                    "hand.</p>"
                                    "<h2>Presentations</h2>"
                                    "<p>Slides support side events and briefings. Keep them short: "
                                    "one idea per slide, a readable font size, and no more text "
                                    "than the audience can take in while listening to the speaker. "
                                    "Send the file to the organisers in advance, and keep a PDF "
                                    "copy in case the room's computer lacks your fonts.</p>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "warning",
                                    "title": "Clean the document before it leaves the mission",
                                    "text": (
                                        "<p>Tracked changes, comments and document properties can "
                                        "reveal internal positions or the names of drafters. "
                                        "Before sending a text outside the mission, accept or "
                                        "reject all changes, delete comments and, for final "
                                        "versions, send a PDF.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                    {
                        "title": "Files, folders and updates",
                        "slug": "files-and-updates",
                        "summary": (
                            "How to organise and back up files, and why installing updates "
                            "promptly protects the mission."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Organising files</h2>"
                                    "<p>A mission produces thousands of files a year, and "
                                    "diplomats rotate every few years. A shared, predictable "
                                    "structure lets a newly arrived colleague find last year's "
                                    "statement on the same agenda item in seconds.</p>"
                                    "<ul>"
                                    "<li>Organise folders by body and subject, for example one "
                                    "folder for each Main Committee, with a subfolder for each "
                                    "agenda item and session.</li>"
                                    "<li>Use file names that say what the document is, such as "
                                    "<i>C2_ICT-for-development_statement_EN_v3</i>. If you add a "
                                    "date, write it year first (year-month-day) so that files sort "
                                    "in order.</li>"
                                    "<li>Keep the final version as a PDF next to the editable "
                                    "file, and mark it clearly as final.</li>"
                                    "<li>Save work on the mission's shared drive, not on the "
                                    "desktop or a personal USB stick.</li></ul>"
                                    "<h2>Backups</h2>"
                                    "<p>A backup is a copy kept somewhere else. A common rule is "
                                    "to keep three copies of important data, on two different "
                                    "kinds of storage, with one copy away from the office. Test "
                                    "from time to time that files can actually be restored: a "
                                    "backup that cannot be restored is not a backup.</p>"
                                ),
                            },
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Software updates</h2>"
                                    "<p>Updates fix faults and close security weaknesses that "
                                    "attackers actively exploit. Many serious incidents begin with "
                                    "a computer that missed an update released months earlier.</p>"
                                    "<ul>"
                                    "<li>Let the operating system, browser and office applications "
                                    "update automatically.</li>"
                                    "<li>Restart when prompted; many updates take effect only "
                                    "after a restart.</li>"
                                    "<li>Install software only from trusted sources and with the "
                                    "agreement of the person responsible for IT.</li>"
                                    "<li>Replace software and devices that no longer receive "
                                    "security updates from their vendor.</li></ul>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "note",
                                    "title": "Before a long negotiation",
                                    "text": (
                                        "<p>Install pending updates and restart your laptop the "
                                        "evening before, not in the conference room. A forced "
                                        "restart in the middle of informal consultations is "
                                        "entirely avoidable.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                ],
                "knowledge_check": {
                    "title": "Check your understanding",
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "A facilitator circulates a new revision of a draft resolution "
                                "without marked changes. Which feature shows what changed since "
                                "the previous version?"
                            ),
                            "choices": [
                                "Styles",
                                "Spell check",
                                "Compare documents",
                                "Automatic numbering",
                            ],
                            "correct": 2,
                            "explanation": (
                                "The compare function sets two versions side by side and marks "
                                "every difference between them."
                            ),
                        },
                        {
                            "text": "Why should each staff member sign in with their own account?",
                            "choices": [
                                "So that actions can be traced and access controlled for each "
                                "person",
                                "Because shared accounts make the computer slower",
                                "Because shared accounts cannot use the printer",
                            ],
                            "correct": 0,
                            "explanation": (
                                "Individual accounts make actions traceable and allow access to be "
                                "granted or removed person by person."
                            ),
                        },
                        {
                            "text": "What is the main reason to install software updates promptly?",
                            "choices": [
                                "They add new fonts and templates",
                                "They close security weaknesses that attackers actively exploit",
                                "They free space on the hard disk",
                                "They reset the keyboard layout",
                            ],
                            "correct": 1,
                            "explanation": (
                                "Many incidents exploit known weaknesses on computers that have "
                                "not been updated."
                            ),
                        },
                    ],
                },
            },
            {
                "number": 3,
                "kind": "module",
                "title": "E-mail and professional correspondence",
                "slug": "email-and-correspondence",
                "summary": (
                    "Use e-mail efficiently and professionally in a mission, handle attachments "
                    "correctly and recognise phishing and other fraudulent messages."
                ),
                "learning_outcomes": [
                    "Address, organise and search e-mail, including the mission's shared mailbox.",
                    "Write clear, courteous e-mail that respects the conventions of diplomatic "
                    "correspondence.",
                    "Send attachments in suitable formats and sizes, free of hidden internal "
                    "content.",
                    "Recognise phishing attempts and respond to them correctly.",
                ],
                "estimated_hours": 6,
                "delivery": "elearning",
                "lessons": [
                    {
                        "title": "E-mail fundamentals",
                        "slug": "email-fundamentals",
                        "summary": (
                            "How e-mail addresses, recipients, folders and shared mailboxes work "
                            "in a mission."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Anatomy of an address</h2>"
                                    "<p>An e-mail address has two parts: the mailbox name before "
                                    "the @ sign and the domain after it. Official business should "
                                    "go through the mission's own domain, never a personal webmail "
                                    "account. Many permanent missions use addresses under the "
                                    "un.int domain, which the Secretariat and other missions "
                                    "recognise at a glance.</p>"
                                    "<h2>To, Cc and Bcc</h2>"
                                    "<ul>"
                                    "<li><b>To:</b> the people expected to act or reply.</li>"
                                    "<li><b>Cc:</b> people who need to be kept informed. Use it "
                                    "sparingly.</li>"
                                    "<li><b>Bcc:</b> recipients hidden from one another. Use it "
                                    "when writing to many delegations that should not see each "
                                    "other's addresses, for example an invitation to a side "
                                    "event.</li></ul>"
                                    "<h2>Personal and shared mailboxes</h2>"
                                    "<p>Most missions have a general mailbox, read by several "
                                    "people, in addition to personal ones. Messages from the "
                                    "Secretariat, such as meeting notifications and communications "
                                    "from the Protocol and Liaison Service, often arrive there. "
                                    "Agree who watches it, how messages reach the responsible "
                                    "officer, and who covers it during the busiest weeks of the "
                                    "General Assembly.</p>"
                                ),
                            },
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Keeping the inbox under control</h2>"
                                    "<ol>"
                                    "<li>Create folders by body or subject, mirroring the "
                                    "structure of the shared drive.</li>"
                                    "<li>Use rules to file routine messages automatically, such as "
                                    "daily circulars.</li>"
                                    "<li>Archive messages you have dealt with, so that the inbox "
                                    "shows only what still needs action.</li>"
                                    "<li>Search by sender, subject or date instead of scrolling "
                                    "through the inbox.</li>"
                                    "<li>When you travel with the delegation, set an automatic "
                                    "reply that names a colleague who can help.</li></ol>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "tip",
                                    "title": "Plan your handover",
                                    "text": (
                                        "<p>Before you leave a posting, move important threads "
                                        "into shared folders or the mission's records system so "
                                        "that your successor inherits them. Institutional memory "
                                        "lives in e-mail as much as in files.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                    {
                        "title": "Professional correspondence and attachments",
                        "slug": "professional-correspondence",
                        "summary": (
                            "How to write e-mail that is clear, courteous and consistent with "
                            "diplomatic practice, and how to send attachments properly."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>E-mail and formal correspondence</h2>"
                                    "<p>E-mail does not replace the formal instruments of "
                                    "diplomatic correspondence. A note verbale or a letter from "
                                    "the Permanent Representative is still prepared, signed or "
                                    "stamped and recorded in the mission's register; e-mail is the "
                                    "means of transmitting it, usually as a PDF attachment. The "
                                    "covering message should be brief and identify the document by "
                                    "its reference number, date and subject.</p>"
                                    "<h2>Writing a clear message</h2>"
                                    "<ul>"
                                    "<li><b>Subject line.</b> Be specific: <i>Co-sponsorship "
                                    "request: draft resolution on ICT for development</i> tells "
                                    "the reader far more than <i>Resolution</i>.</li>"
                                    "<li><b>Opening.</b> State the purpose and any deadline in the "
                                    "first paragraph.</li>"
                                    "<li><b>Tone.</b> Use the courteous, measured register of "
                                    "diplomatic writing. Any message can be forwarded, and humour "
                                    "or irony travels badly across languages.</li>"
                                    "<li><b>Reply all.</b> Think twice before replying to a list "
                                    "that covers a whole regional group.</li>"
                                    "<li><b>Names and titles.</b> Use the correct forms of "
                                    "address, and check the spelling of names and titles, "
                                    "especially where naming conventions differ from your own.</li>"
                                    "<li><b>Signature.</b> Give your name, title, mission, "
                                    "telephone number and address.</li></ul>"
                                ),
                            },
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Attachments</h2>"
                                    "<ul>"
                                    "<li>Send final documents as PDF; send editable formats only "
                                    "when you expect the recipient to work on the text.</li>"
                                    "<li>Give files meaningful names, since the recipient sees the "
                                    "name before opening them.</li>"
                                    "<li>Keep attachments small. Large files may be rejected by "
                                    "the recipient's server; share a link from the mission's file "
                                    "service instead.</li>"
                                    "<li>Scan signed documents at a resolution that keeps the text "
                                    "legible and the file small, and check that every page is "
                                    "included and upright.</li>"
                                    "<li>Check that you attached the right version, and that it "
                                    "contains no tracked changes or comments.</li></ul>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "warning",
                                    "title": "Confidential material",
                                    "text": (
                                        "<p>Ordinary e-mail is not a secure channel. Follow your "
                                        "ministry's rules for classified information, and never "
                                        "forward instructions from capital to outside or personal "
                                        "addresses.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                    {
                        "title": "Phishing, spam and suspicious messages",
                        "slug": "phishing-awareness",
                        "summary": (
                            "How to recognise fraudulent messages aimed at diplomats and what to "
                            "do when one arrives."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Why diplomats are targeted</h2>"
                                    "<p>Permanent missions hold information of interest to many "
                                    "parties: negotiating positions, contact lists, travel plans "
                                    "and the passwords that open government systems. Attackers "
                                    "therefore send carefully prepared messages, known as spear "
                                    "phishing, that appear to come from the Secretariat, another "
                                    "mission, a conference organiser or the ministry at home.</p>"
                                    "<h2>Warning signs</h2>"
                                    "<ul>"
                                    "<li>The sender's address does not match the organisation it "
                                    "claims to represent, or differs from it by a single "
                                    "character.</li>"
                                    "<li>The message creates urgency: <i>your account will be "
                                    "closed today</i>, or <i>revised list of speakers, open "
                                    "immediately</i>.</li>"
                                    "<li>The real destination of a link, shown when you hover over "
                                    "it, differs from the text displayed.</li>"
                                    "<li>You are asked to enter your password, approve a sign-in "
                                    "you did not start, or change bank details for a payment.</li>"
                                    "<li>An attachment arrives unexpectedly, or asks you to enable "
                                    "editing or macros to read it.</li>"
                                    "<li>The style is slightly wrong for the supposed sender: an "
                                    "unusual greeting, an odd signature, a private "
                                    "address.</li></ul>"
                                    "<p>Attackers time their messages to busy periods, such as the "
                                    "high-level week of the General Assembly, when recipients are "
                                    "rushed and expect many genuine invitations.</p>"
                                ),
                            },
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>What to do</h2>"
                                    "<ol>"
                                    "<li>Do not click, open or reply.</li>"
                                    "<li>Verify through another channel, for example by calling "
                                    "the sender on a number you already have.</li>"
                                    "<li>Report the message to the person responsible for IT, "
                                    "following the mission's agreed procedure.</li>"
                                    "<li>If you have already clicked or entered a password, say so "
                                    "at once and change the password. Speed limits the damage, and "
                                    "nobody should be blamed for reporting.</li></ol>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "note",
                                    "title": "Spam filters help, but are not enough",
                                    "text": (
                                        "<p>Filters stop most unsolicited mail, but a well-crafted "
                                        "message aimed at one person can still get through. Your "
                                        "judgement is the last line of defence.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                ],
                "knowledge_check": {
                    "title": "Check your understanding",
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "You are inviting sixty delegations to a side event, and they "
                                "should not see each other's addresses. Where do you put their "
                                "addresses?"
                            ),
                            "choices": [
                                "To",
                                "Cc",
                                "Bcc",
                                "In the body of the message",
                            ],
                            "correct": 2,
                            "explanation": "Recipients in Bcc are hidden from one another.",
                        },
                        {
                            "text": (
                                "What is the appropriate role of e-mail when the mission sends a "
                                "note verbale?"
                            ),
                            "choices": [
                                "It replaces the note verbale, which is no longer needed",
                                "It transmits the signed, registered note as an attachment with a "
                                "short covering message",
                                "It may carry only an unsigned draft of the note",
                            ],
                            "correct": 1,
                            "explanation": (
                                "The note verbale remains the formal instrument; e-mail is the "
                                "channel that transmits it."
                            ),
                        },
                        {
                            "text": (
                                "A message that seems to come from a conference organiser asks you "
                                "to confirm your registration through a sign-in link. Hovering "
                                "over the link shows an unfamiliar domain. What should you do?"
                            ),
                            "choices": [
                                "Sign in quickly before the registration deadline",
                                "Reply to the message and ask whether it is genuine",
                                "Forward it to colleagues to see whether they received it too",
                                "Do not click; verify through a known channel and report it to IT",
                            ],
                            "correct": 3,
                            "explanation": (
                                "Suspicious links should never be followed; verification must use "
                                "a channel the attacker does not control."
                            ),
                        },
                    ],
                },
            },
            {
                "number": 4,
                "kind": "module",
                "title": "Web surfing, research and the mission web site",
                "slug": "web-research-and-mission-website",
                "summary": (
                    "Search the web and United Nations sources efficiently, find official "
                    "documents in ODS and the Library's catalogue, and plan and maintain the "
                    "mission's own web site."
                ),
                "learning_outcomes": [
                    "Use a browser safely and efficiently, and refine web searches with search "
                    "operators.",
                    "Find United Nations documents in the Official Document System by symbol and "
                    "by full-text search.",
                    "Use the Dag Hammarskjöld Library's catalogue and services to trace voting "
                    "records, speeches and background documents.",
                    "Plan, update and maintain a mission web site that serves its main audiences.",
                ],
                "estimated_hours": 10,
                "delivery": "elearning",
                "lessons": [
                    {
                        "title": "Browsing and searching the web",
                        "slug": "browsing-and-searching",
                        "summary": (
                            "How to use a browser efficiently and safely and to search the web "
                            "with precision."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>The browser</h2>"
                                    "<p>A web address tells you where a page lives. Look first at "
                                    "the domain, the part just before the first single slash: in "
                                    "<i>www.un.org/en/ga</i> the domain is un.org, so the page "
                                    "belongs to the United Nations. Fraudulent sites often use "
                                    "addresses that look similar at a glance, such as an extra "
                                    "word or a changed letter in the domain.</p>"
                                    "<ul>"
                                    "<li><b>Secure connections.</b> An address beginning with "
                                    "https, shown with a padlock, means the connection is "
                                    "encrypted. It does not prove that the site is trustworthy, "
                                    "only that the traffic cannot easily be read in transit.</li>"
                                    "<li><b>Bookmarks.</b> Keep the sites you use daily, such as "
                                    "the Journal of the United Nations, your Committee's page and "
                                    '<a href="https://www.un.org/">www.un.org</a>, in a bookmarks '
                                    "folder.</li>"
                                    "<li><b>Downloads.</b> Save downloaded documents to a known "
                                    "folder and rename them meaningfully. Open only files from "
                                    "sources you trust.</li></ul>"
                                ),
                            },
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Searching with precision</h2>"
                                    "<p>General search engines are useful for news, national "
                                    "positions and background. Most support a few operators:</p>"
                                    "<ul>"
                                    '<li>Quotation marks find an exact phrase: "digital '
                                    'divide".</li>'
                                    "<li><b>site:</b> limits results to one domain: <i>site:un.org "
                                    "e-government survey</i>.</li>"
                                    "<li><b>filetype:</b> finds documents of one type: "
                                    "<i>filetype:pdf national ICT strategy</i>.</li>"
                                    "<li>A minus sign before a word excludes it from the "
                                    "results.</li></ul>"
                                    "<h3>Judging what you find</h3>"
                                    "<p>Before citing a page in a report to capital, check who "
                                    "published it, when, and whether an official source says the "
                                    "same. For United Nations texts, rely on the official document "
                                    "rather than a summary: meetings coverage press releases are "
                                    "useful but are not official records.</p>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "tip",
                                    "title": "Go to the official source",
                                    "text": (
                                        "<p>Search engines often surface outdated copies of "
                                        "documents. For anything you will quote, retrieve the text "
                                        "from the United Nations' own systems, covered in the next "
                                        "lesson.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                    {
                        "title": "Finding documents in ODS",
                        "slug": "official-document-system",
                        "summary": (
                            "How United Nations document symbols work and how to retrieve "
                            "documents from the Official Document System."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>The Official Document System</h2>"
                                    "<p>The Official Document System (ODS) is the United Nations' "
                                    "online repository of parliamentary documentation: "
                                    "resolutions, reports, draft resolutions, letters circulated "
                                    "at the request of Member States, meeting records and more, in "
                                    "the official languages in which they were issued. It is "
                                    "publicly available at documents.un.org.</p>"
                                    "<h2>Reading a document symbol</h2>"
                                    "<p>Every document has a unique symbol built from standard "
                                    "elements:</p>"
                                    "<ul>"
                                    "<li>The first element identifies the body: <b>A/</b> for the "
                                    "General Assembly, <b>S/</b> for the Security Council, "
                                    "<b>E/</b> for the Economic and Social Council.</li>"
                                    "<li>Further elements indicate a subsidiary body or a type of "
                                    "document: <b>A/C.2/</b> for the Second Committee, "
                                    "<b>/RES/</b> for resolutions, <b>/L.</b> for documents of "
                                    "limited distribution, which are usually drafts.</li>"
                                    "<li>Suffixes show later changes: <b>/Rev.</b> for a revised "
                                    "text, <b>/Add.</b> for an addendum, <b>/Corr.</b> for a "
                                    "corrigendum.</li></ul>"
                                    "<p>For example, E/2003/75 is a report of the "
                                    "Secretary-General to the Economic and Social Council issued "
                                    "in 2003, and A/RES/56/183 is a General Assembly resolution "
                                    "adopted at the fifty-sixth session.</p>"
                                ),
                            },
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Searching effectively</h2>"
                                    "<ol>"
                                    "<li>If you know the symbol, search by symbol: it is the "
                                    "fastest and most reliable route.</li>"
                                    "<li>Otherwise, combine a phrase from the text with the body "
                                    "and a date range to narrow the results.</li>"
                                    "<li>Choose the language version you need. The official "
                                    "languages are Arabic, Chinese, English, French, Russian and "
                                    "Spanish.</li>"
                                    "<li>Note the date of issue and the distribution (general, "
                                    "limited or restricted) shown on the first page.</li>"
                                    "<li>Check for revisions, addenda and corrigenda before "
                                    "relying on a text.</li></ol>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "note",
                                    "title": "Drafts and adopted texts",
                                    "text": (
                                        "<p>A draft (an L. document) shows what was proposed; the "
                                        "adopted resolution may differ after oral revisions in the "
                                        "room. Cite the resolution, and check the meeting record "
                                        "where oral amendments matter.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                    {
                        "title": "Library resources: UNBISnet and beyond",
                        "slug": "library-resources",
                        "summary": (
                            "How the Dag Hammarskjöld Library's catalogue and services help you "
                            "trace voting records, speeches and background material."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>The Dag Hammarskjöld Library</h2>"
                                    "<p>The Dag Hammarskjöld Library at Headquarters serves "
                                    "Secretariat staff, members of delegations and mission staff. "
                                    "Beyond its collections, it offers training in Internet "
                                    "research, United Nations documentation and the use of ODS and "
                                    "its own databases, and its staff answer research questions "
                                    "from missions.</p>"
                                    "<h2>The Library's catalogue</h2>"
                                    "<p>The Library's public catalogue, long known as UNBISnet and "
                                    "now continued in the UN Digital Library, holds far more than "
                                    "titles and symbols:</p>"
                                    "<ul>"
                                    "<li><b>Voting records</b> show how each Member State voted in "
                                    "recorded votes of the General Assembly and the Security "
                                    "Council, which is useful when briefing on how positions have "
                                    "evolved.</li>"
                                    "<li><b>The index to speeches</b> finds statements made by a "
                                    "given country or speaker on a subject, with references to the "
                                    "meeting records.</li>"
                                    "<li><b>Bibliographic records</b> link a document to its "
                                    "agenda item, subject terms and related documents, such as the "
                                    "report that led to a resolution.</li></ul>"
                                    "<p>The Library also maintains UN-I-QUE, a database that "
                                    "identifies the symbols of documents issued regularly, such as "
                                    "annual reports, across many years.</p>"
                                ),
                            },
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>A research routine for a new agenda item</h2>"
                                    "<ol>"
                                    "<li>Find the most recent resolution on the item and note the "
                                    "reports it requests.</li>"
                                    "<li>Retrieve those reports from ODS.</li>"
                                    "<li>Check the voting record and your country's past "
                                    "statements on the item.</li>"
                                    "<li>Keep the symbols and links you found in a short note for "
                                    "the file, so that colleagues can retrace your research.</li>"
                                    "<li>Ask the Library when something is missing; it is often "
                                    "faster than searching alone.</li></ol>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "tip",
                                    "title": "Ask a librarian",
                                    "text": (
                                        "<p>Library staff can often find in minutes what takes "
                                        "hours to locate alone. Ask about the Library's training "
                                        "sessions for delegates as well: they are short and "
                                        "practical.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                    {
                        "title": "Planning and maintaining the mission web site",
                        "slug": "mission-web-site",
                        "summary": (
                            "How to decide what a mission web site should contain, who maintains "
                            "it and how to keep it accurate and secure."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>What the site is for</h2>"
                                    "<p>A mission web site is often the first place that "
                                    "journalists, researchers, students, other delegations and "
                                    "nationals abroad look for your country's positions at the "
                                    "United Nations. It should answer their questions quickly and "
                                    "reflect official positions accurately.</p>"
                                    "<h3>Core content</h3>"
                                    "<ul>"
                                    "<li>Statements delivered by the delegation, published "
                                    "promptly and marked <i>check against delivery</i> where "
                                    "appropriate.</li>"
                                    "<li>The Permanent Representative's biography and the "
                                    "mission's address, telephone and e-mail.</li>"
                                    "<li>The country's priorities at the current session and its "
                                    "candidatures.</li>"
                                    "<li>Press releases and news of events hosted by the "
                                    "mission.</li>"
                                    "<li>Practical information for nationals, or a link to the "
                                    "consulate that serves them.</li>"
                                    "<li>Links to the ministry of foreign affairs and to relevant "
                                    "United Nations pages.</li></ul>"
                                    "<h2>Design principles</h2>"
                                    "<ul>"
                                    "<li>A simple, consistent structure with clear menus, so that "
                                    "any statement is a few clicks away.</li>"
                                    "<li>Pages that load quickly on slow connections and display "
                                    "well on mobile phones.</li>"
                                    "<li>Accessible content: descriptive link text, alternative "
                                    "text for images and sufficient contrast.</li>"
                                    "<li>A search box, and a clear date on every statement and "
                                    "press release.</li>"
                                    "<li>Language versions maintained together, rather than a "
                                    "second language left to age.</li></ul>"
                                ),
                            },
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Maintenance</h2>"
                                    "<p>A site that still announces last year's events damages "
                                    "credibility. Name an officer and a back-up, set a weekly "
                                    "review, and remove outdated material. Protect the account "
                                    "used to update the site with a strong password and, where "
                                    "available, two-step verification: a defaced mission site is "
                                    "an embarrassment that travels fast.</p>"
                                    "<p>Archive past statements by session rather than deleting "
                                    "them: researchers and other delegations often look for a "
                                    "country's earlier positions.</p>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "note",
                                    "title": "Workshop available",
                                    "text": (
                                        "<p>Missions that are building or redesigning a site can "
                                        "follow the separate web-site creation workshop for "
                                        "permanent missions, offered in English, French and "
                                        "Arabic.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                ],
                "knowledge_check": {
                    "title": "Check your understanding",
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "In a United Nations document symbol, what does the element /L. "
                                "usually indicate?"
                            ),
                            "choices": [
                                "A letter from a Member State",
                                "A document of limited distribution, usually a draft",
                                "A record held by the Library",
                                "The language version of the document",
                            ],
                            "correct": 1,
                            "explanation": (
                                "L. documents have limited distribution and are typically draft "
                                "resolutions or decisions."
                            ),
                        },
                        {
                            "text": (
                                "Where can you see how each Member State voted in a recorded vote "
                                "of the General Assembly?"
                            ),
                            "choices": [
                                "In the voting records of the Dag Hammarskjöld Library's catalogue",
                                "In the draft resolution issued as an L. document",
                                "In the visitor statistics of the mission web site",
                            ],
                            "correct": 0,
                            "explanation": (
                                "The Library's catalogue records how each Member State voted in "
                                "recorded votes."
                            ),
                        },
                        {
                            "text": "Which practice best keeps a mission web site credible?",
                            "choices": [
                                "Publishing statements once the session has ended",
                                "Sharing one update password among all mission staff",
                                "Keeping only the English version up to date",
                                "Naming an officer and a back-up who review the site every week",
                            ],
                            "correct": 3,
                            "explanation": (
                                "Clear ownership and a regular review keep content current and "
                                "accurate."
                            ),
                        },
                    ],
                },
            },
            {
                "number": 5,
                "kind": "seminar",
                "title": "Policy seminar: ICT policy and information security",
                "slug": "policy-and-security-seminar",
                "summary": (
                    "An interactive seminar, intended primarily for ambassadors and senior "
                    "diplomats, on the digital divide, e-government and cyber security, and on "
                    "leading a mission's information security policy."
                ),
                "learning_outcomes": [
                    "Explain the dimensions of the digital divide and how they shape debates on "
                    "ICT for development at the United Nations.",
                    "Compare policy options for e-government and identify the conditions for "
                    "their success.",
                    "Assess the main cyber threats facing diplomatic missions and senior "
                    "officials.",
                    "Lead the adoption and enforcement of a mission information security policy.",
                ],
                "estimated_hours": 6,
                "delivery": "in_person",
                "lessons": [
                    {
                        "title": "The digital divide and ICT for development",
                        "slug": "digital-divide",
                        "summary": (
                            "What the digital divide is, why it persists and how it features in "
                            "intergovernmental work."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>More than a gap in connections</h2>"
                                    "<p>The digital divide is the gap between those who can use "
                                    "information and communication technologies (ICT) to improve "
                                    "their lives and those who cannot. Early debates focused on "
                                    "telephone lines and computers; today the divide is understood "
                                    "to have several dimensions:</p>"
                                    "<ul>"
                                    "<li><b>Access:</b> whether reliable networks and electricity "
                                    "reach people at all, particularly in rural areas and in the "
                                    "least developed countries.</li>"
                                    "<li><b>Affordability:</b> the cost of devices and data "
                                    "relative to income.</li>"
                                    "<li><b>Skills:</b> the ability to use technology safely and "
                                    "productively.</li>"
                                    "<li><b>Content and language:</b> whether useful services and "
                                    "information exist in the languages people speak.</li>"
                                    "<li><b>Inequalities within countries:</b> women, older "
                                    "persons and persons with disabilities are often less "
                                    "connected than others.</li></ul>"
                                    "<h2>The divide at the United Nations</h2>"
                                    "<p>The United Nations has treated ICT as a development issue "
                                    "since the Millennium Development Goals committed governments "
                                    "to make the benefits of new technologies available to all. "
                                    "The World Summit on the Information Society, held in two "
                                    "phases in Geneva and Tunis, set out a shared vision of a "
                                    "people-centred information society, and the 2030 Agenda for "
                                    "Sustainable Development includes a target on universal and "
                                    "affordable Internet access. Delegates meet these questions in "
                                    "the Second Committee, in the Economic and Social Council and "
                                    "in the Commission on Science and Technology for "
                                    "Development.</p>"
                                ),
                            },
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Points for discussion</h2>"
                                    "<ul>"
                                    "<li>Which dimension of the divide matters most for your "
                                    "country, and how does your national strategy address it?</li>"
                                    "<li>How can South-South and regional cooperation reduce the "
                                    "cost of connectivity?</li>"
                                    "<li>What should your delegation seek in the next resolution "
                                    "on ICT for development?</li></ul>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "tip",
                                    "title": "Prepare for the seminar",
                                    "text": (
                                        "<p>Bring one statistic and one national initiative that "
                                        "illustrate your country's situation. The discussion is "
                                        "most useful when it draws on concrete experience.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                    {
                        "title": "E-government: policy choices",
                        "slug": "e-government",
                        "summary": (
                            "How governments move services online, which policy choices they face "
                            "and what makes e-government succeed."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>What e-government means</h2>"
                                    "<p>E-government is the use of ICT to deliver public services, "
                                    "improve administration and engage citizens. Many governments "
                                    "progress through broadly recognisable stages:</p>"
                                    "<ol>"
                                    "<li><b>Information:</b> ministries publish information and "
                                    "forms online.</li>"
                                    "<li><b>Interaction:</b> citizens can write to officials and "
                                    "download and submit forms.</li>"
                                    "<li><b>Transaction:</b> services such as tax returns, "
                                    "business registration or visa applications, including "
                                    "payment, are completed entirely online.</li>"
                                    "<li><b>Integration:</b> services are organised around life "
                                    "events rather than ministries, and agencies share data "
                                    "securely so that citizens provide information only "
                                    "once.</li></ol>"
                                    "<p>The Department of Economic and Social Affairs tracks "
                                    "progress through the United Nations E-Government Survey, "
                                    "which assesses Member States on online services, "
                                    "telecommunication infrastructure and human capital. It is a "
                                    "useful benchmark for national strategies and a frequent "
                                    "reference in statements.</p>"
                                    "<h2>Policy choices</h2>"
                                    "<ul>"
                                    "<li><b>Inclusion:</b> keep offline channels for those who "
                                    "cannot go online, and design for mobile phones where they are "
                                    "the main point of access.</li>"
                                    "<li><b>Trust:</b> data protection law, secure digital "
                                    "identity and transparency about how data are used.</li>"
                                    "<li><b>Interoperability:</b> common standards, so that the "
                                    "systems of different agencies work together and the "
                                    "government is not locked in to a single supplier.</li>"
                                    "<li><b>Capacity:</b> skilled public servants and sustained "
                                    "budgets; many projects fail after the pilot phase for lack of "
                                    "funding for maintenance.</li></ul>"
                                ),
                            },
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Discussion</h2>"
                                    "<p>Choose one service your country could put online within "
                                    "two years. Which stage is it at today, what would it take to "
                                    "move it forward, and which partners, including regional "
                                    "bodies and the United Nations system, could help?</p>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "note",
                                    "title": "The mission as an example",
                                    "text": (
                                        "<p>Missions practise e-government too. Consular "
                                        "information, online registration for events and prompt "
                                        "publication of statements shape how your country's "
                                        "administration is perceived.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                    {
                        "title": "Cyber threats facing diplomatic missions",
                        "slug": "cyber-threats",
                        "summary": (
                            "The main ways in which missions' information is attacked and what "
                            "senior officials can do to reduce the risk."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Why missions are attractive targets</h2>"
                                    "<p>A permanent mission concentrates sensitive information in "
                                    "a small office with limited technical staff: instructions "
                                    "from capital, negotiating positions, contacts and the travel "
                                    "plans of senior officials. Attackers range from criminals "
                                    "seeking money to well-resourced actors seeking intelligence. "
                                    "Senior diplomats are targeted personally, because their "
                                    "accounts carry authority.</p>"
                                    "<h2>The most common threats</h2>"
                                    "<ul>"
                                    "<li><b>Phishing and impersonation.</b> Messages that imitate "
                                    "trusted senders to steal passwords or install malicious "
                                    "software. An urgent request that appears to come from the "
                                    "Permanent Representative is a classic tactic.</li>"
                                    "<li><b>Malware and ransomware.</b> Software that spies on a "
                                    "computer or encrypts files until a ransom is paid. Without "
                                    "tested backups, a mission can lose years of records.</li>"
                                    "<li><b>Account takeover.</b> Weak or reused passwords let an "
                                    "attacker read e-mail silently for months.</li>"
                                    "<li><b>Untrusted networks.</b> Wi-Fi in hotels and public "
                                    "venues can be monitored or impersonated.</li>"
                                    "<li><b>Lost and stolen devices.</b> A phone or laptop left in "
                                    "a taxi exposes everything on it unless it is encrypted.</li>"
                                    "<li><b>Insider and supplier risk.</b> Access rights that are "
                                    "too broad, and contractors who have not been vetted.</li></ul>"
                                    "<h2>What leadership changes</h2>"
                                    "<p>Most of these risks are reduced by a few measures: "
                                    "multi-factor authentication on e-mail, automatic updates, "
                                    "regular tested backups, encrypted devices and a culture in "
                                    "which staff report mistakes immediately. None is expensive. "
                                    "All depend on the head of mission insisting that they apply "
                                    "to everyone, the head of mission included.</p>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "warning",
                                    "title": "Exercise: a Monday-morning incident",
                                    "text": (
                                        "<p>An attaché reports that on Friday she entered her "
                                        "password on a fake sign-in page. Since then, partner "
                                        "missions have received e-mails in her name with an "
                                        "attachment. In groups, decide the first five actions the "
                                        "mission should take, who takes each one, and what you "
                                        "tell partner missions.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                    {
                        "title": "The mission's information security policy",
                        "slug": "mission-security-policy",
                        "summary": (
                            "What a practical information security policy for a permanent mission "
                            "contains and how to put it into effect."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Why a written policy</h2>"
                                    "<p>Security cannot depend on the habits of whoever happens to "
                                    "be posted to the mission. A short written policy, approved by "
                                    "the head of mission and consistent with the ministry's rules, "
                                    "sets common expectations, survives staff rotation and makes "
                                    "clear who decides what when something goes wrong.</p>"
                                    "<h2>What the policy should cover</h2>"
                                    "<ul>"
                                    "<li><b>Classification:</b> which information is public, "
                                    "internal or confidential, and which channels may carry each "
                                    "kind.</li>"
                                    "<li><b>Accounts and passwords:</b> individual accounts, long "
                                    "passphrases, multi-factor authentication and prompt removal "
                                    "of access when staff leave.</li>"
                                    "<li><b>Devices:</b> encryption, screen locks, approved "
                                    "software and updates, and rules for personal devices used for "
                                    "work.</li>"
                                    "<li><b>E-mail and messaging:</b> official business on "
                                    "official accounts, and approved messaging applications for "
                                    "sensitive exchanges.</li>"
                                    "<li><b>Travel:</b> carrying only the data needed, avoiding "
                                    "unknown networks and charging points, and having devices "
                                    "checked on return.</li>"
                                    "<li><b>Backups and continuity:</b> what is backed up, where, "
                                    "and how quickly the mission can work again after an "
                                    "incident.</li>"
                                    "<li><b>Incident reporting:</b> whom to call at any hour, and "
                                    "an assurance that prompt reporting will not be "
                                    "punished.</li></ul>"
                                ),
                            },
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Putting it into effect</h2>"
                                    "<ol>"
                                    "<li>Designate an information security focal point with a "
                                    "clear mandate and time to do the work.</li>"
                                    "<li>Brief every new arrival in the first week, and refresh "
                                    "all staff once a year.</li>"
                                    "<li>Check compliance with simple measures, such as whether "
                                    "multi-factor authentication is active on every account.</li>"
                                    "<li>Review the policy after any incident and whenever the "
                                    "mission changes its systems.</li>"
                                    "<li>Lead by example: the policy applies to the Permanent "
                                    "Representative first.</li></ol>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "tip",
                                    "title": "Start small",
                                    "text": (
                                        "<p>A two-page policy that everyone has read is worth more "
                                        "than a long manual that nobody opens. Begin with "
                                        "accounts, updates, backups and incident reporting, then "
                                        "extend it.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                ],
                "knowledge_check": {
                    "title": "Check your understanding",
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "A country has wide mobile network coverage, yet few people use "
                                "its online public services. Which dimensions of the digital "
                                "divide are most likely involved?"
                            ),
                            "choices": [
                                "Affordability, skills and relevant content",
                                "Network coverage alone",
                                "The number of domain names registered in the country",
                            ],
                            "correct": 0,
                            "explanation": (
                                "Coverage is only one dimension; cost, skills and useful content "
                                "in local languages determine whether people actually go online."
                            ),
                        },
                        {
                            "text": (
                                "At which stage of e-government can a citizen complete a service, "
                                "including payment, entirely online?"
                            ),
                            "choices": [
                                "Information",
                                "Interaction",
                                "Transaction",
                                "Publication",
                            ],
                            "correct": 2,
                            "explanation": (
                                "The transaction stage allows services to be completed end to end "
                                "online."
                            ),
                        },
                        {
                            "text": (
                                "Which measure most directly limits the damage when a staff "
                                "member's password is stolen through phishing?"
                            ),
                            "choices": [
                                "A longer e-mail signature",
                                "Multi-factor authentication on the account",
                                "A faster Internet connection",
                                "A larger mailbox quota",
                            ],
                            "correct": 1,
                            "explanation": (
                                "With multi-factor authentication, a stolen password alone is not "
                                "enough to sign in."
                            ),
                        },
                    ],
                },
            },
        ],
    },
    {
        "slug": "web-workshop",
        "title": "Web-site creation workshop for permanent missions",
        "short_title": "Web workshop",
        "intro": (
            "A practical workshop in which mission staff plan, build and learn to maintain their "
            "mission's web site. Groups work in English, French or Arabic."
        ),
        "description": (
            "<p>The UN Website Section of the Department of Public Information has trained mission "
            "staff to create their own web sites. A six-day seminar for the permanent missions of "
            "French-speaking African States, part of the series <i>The Internet as a tool for "
            "development</i>, resulted in seven new mission web sites. A workshop on web-site "
            "creation for permanent missions of English-speaking States formed part of the PATIT "
            "training series provided by UNITAR, and a condensed workshop gave special emphasis to "
            "creating web pages in Arabic.</p>"
            "<p>This workshop follows the same approach in two parts: an e-learning module on "
            "planning the site, then an in-person module in which participants build and publish "
            "pages and agree a maintenance routine. Groups are formed by working language: "
            "English, French or Arabic.</p>"
        ),
        "audience": (
            "Staff of permanent and observer missions who will create or maintain their mission's "
            "web site, such as press officers and IT focal points. No programming experience is "
            "needed."
        ),
        "languages": ["en", "fr", "ar"],
        "modules": [
            {
                "number": 1,
                "kind": "module",
                "title": "Planning the mission web site",
                "slug": "planning-the-site",
                "summary": (
                    "Define the purpose and audiences of the mission's site, organise its content "
                    "and prepare texts for the web in each working language."
                ),
                "learning_outcomes": [
                    "State the purpose and main audiences of the mission's web site.",
                    "Draft a site map and a content inventory.",
                    "Prepare web texts for English, French and Arabic pages, including "
                    "right-to-left layout.",
                ],
                "estimated_hours": 3,
                "delivery": "elearning",
                "lessons": [
                    {
                        "title": "Purpose and audiences",
                        "slug": "purpose-and-audiences",
                        "summary": (
                            "Decide what the site is for and whom it must serve before building "
                            "anything."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Start with the purpose</h2>"
                                    "<p>Before choosing colours or software, agree in one or two "
                                    "sentences what the site is for. A typical purpose: <i>to "
                                    "present our country's positions at the United Nations and "
                                    "make the mission easy to contact</i>. Every page should serve "
                                    "that purpose.</p>"
                                    "<h2>Know your audiences</h2>"
                                    "<ul>"
                                    "<li><b>Other delegations and the Secretariat</b> look for "
                                    "statements, candidatures and contact details.</li>"
                                    "<li><b>Journalists and researchers</b> want quotable "
                                    "positions and press releases, quickly.</li>"
                                    "<li><b>Citizens at home and abroad</b> want to know what the "
                                    "mission does on their behalf.</li>"
                                    "<li><b>Partners and donors</b> look for the country's "
                                    "cooperation programmes and contact points.</li>"
                                    "<li><b>Students</b>, including those preparing Model United "
                                    "Nations simulations, look for background on "
                                    "policies.</li></ul>"
                                    "<p>List the three questions each audience asks most often. "
                                    "The answers become your most important pages. Review the list "
                                    "each year, as priorities and audiences change.</p>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "note",
                                    "title": "Get approval early",
                                    "text": (
                                        "<p>Agree the purpose and audiences with the head of "
                                        "mission before work starts. It avoids a redesign when the "
                                        "site is nearly finished.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                    {
                        "title": "Site map and content inventory",
                        "slug": "site-map-and-content",
                        "summary": (
                            "Organise the site's pages into a clear structure and list the content "
                            "each page needs."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Draw the site map</h2>"
                                    "<p>A site map is a tree of pages. Keep it shallow, with no "
                                    "more than six or seven main sections, for example:</p>"
                                    "<ul>"
                                    "<li>Home</li>"
                                    "<li>The mission: Permanent Representative, staff and "
                                    "contacts</li>"
                                    "<li>Statements, by body and date</li>"
                                    "<li>Priorities and candidatures</li>"
                                    "<li>News and press releases</li>"
                                    "<li>About the country</li></ul>"
                                    "<h2>Build the content inventory</h2>"
                                    "<p>For each page, record in a simple spreadsheet the text, "
                                    "images and documents it needs, who provides them, who "
                                    "approves them and how often they change. The inventory "
                                    "reveals gaps early, such as a missing biography or an "
                                    "outdated photograph, and becomes the basis of the maintenance "
                                    "plan.</p>"
                                    "<p>Test the site map with two colleagues: ask them where they "
                                    "would look for the latest statement and for the mission's "
                                    "address. If they hesitate, rename or regroup the sections.</p>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "tip",
                                    "title": "Reuse existing material",
                                    "text": (
                                        "<p>Statements archived on the shared drive and the "
                                        "country profile prepared for visiting delegations often "
                                        "provide most of the initial content. The ministry's web "
                                        "team may also share photographs and logos.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                    {
                        "title": "Writing for the web in three languages",
                        "slug": "writing-in-three-languages",
                        "summary": (
                            "Write concise web texts and prepare English, French and Arabic "
                            "versions that display correctly."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Writing for screens</h2>"
                                    "<ul>"
                                    "<li>Put the most important information first; many visitors "
                                    "read only the opening lines.</li>"
                                    "<li>Use short paragraphs, meaningful headings and lists.</li>"
                                    "<li>Write link text that says where it leads, such as "
                                    "<i>Statement to the Second Committee</i>, never <i>click "
                                    "here</i>.</li></ul>"
                                    "<h2>Several languages</h2>"
                                    "<p>Treat each language version as a complete site with the "
                                    "same structure, so that visitors can switch language on any "
                                    "page. Translate page titles and menus, not just the body "
                                    "text, and publish all versions at the same time whenever "
                                    "possible.</p>"
                                    "<h3>Arabic and right-to-left text</h3>"
                                    "<p>Arabic pages must declare their language and a "
                                    "right-to-left text direction, so that browsers align text, "
                                    "menus and punctuation correctly. Choose fonts that include "
                                    "Arabic characters, and check each page in a browser: mixed "
                                    "Arabic and Latin text, such as document symbols, can display "
                                    "in an unexpected order.</p>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "tip",
                                    "title": "Ask a native speaker",
                                    "text": (
                                        "<p>Before publishing, ask a colleague whose first "
                                        "language is that of the page to read it in the browser. "
                                        "Errors in text direction, accents or hyphenation are easy "
                                        "to miss otherwise.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                ],
                "knowledge_check": {
                    "title": "Check your understanding",
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "What should be agreed before choosing a design or software for "
                                "the site?"
                            ),
                            "choices": [
                                "The colour scheme",
                                "The purpose of the site and its main audiences",
                                "The number of photographs on the home page",
                            ],
                            "correct": 1,
                            "explanation": (
                                "Purpose and audiences determine which pages the site needs and "
                                "how they are organised."
                            ),
                        },
                        {
                            "text": "Which link text is most helpful to visitors?",
                            "choices": [
                                "Click here",
                                "More",
                                "Statement to the Second Committee on ICT for development",
                                "Link",
                            ],
                            "correct": 2,
                            "explanation": (
                                "Descriptive link text tells visitors, including screen-reader "
                                "users, where the link leads."
                            ),
                        },
                        {
                            "text": (
                                "What must an Arabic page declare in order to display correctly?"
                            ),
                            "choices": [
                                "Its language and a right-to-left text direction",
                                "A larger font size only",
                                "A separate domain name",
                                "A different colour scheme",
                            ],
                            "correct": 0,
                            "explanation": (
                                "The language and direction settings let browsers lay out Arabic "
                                "text correctly."
                            ),
                        },
                    ],
                },
            },
            {
                "number": 2,
                "kind": "module",
                "title": "Building and maintaining the site",
                "slug": "building-and-maintaining",
                "summary": (
                    "Build and publish pages in a hands-on session, make them accessible and agree "
                    "a routine that keeps the site current and secure."
                ),
                "learning_outcomes": [
                    "Create pages with headings, paragraphs, lists and links, and publish them.",
                    "Prepare images and documents that load quickly and are accessible to all "
                    "visitors.",
                    "Set up a maintenance routine with clear roles and secure access.",
                ],
                "estimated_hours": 12,
                "delivery": "in_person",
                "lessons": [
                    {
                        "title": "Building pages",
                        "slug": "building-pages",
                        "summary": (
                            "The structure of a web page and how to create pages with a content "
                            "management system."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>How a page is built</h2>"
                                    "<p>Every web page is written in HTML, a language that marks "
                                    "the role of each piece of text: main heading, subheadings, "
                                    "paragraphs, lists and links. Browsers use this structure to "
                                    "display the page, and screen readers use it to help blind "
                                    "visitors move around it, so structure matters as much as "
                                    "appearance.</p>"
                                    "<p>Most mission sites are edited through a content management "
                                    "system: you type into a form, choose a heading or list from a "
                                    "toolbar, and the system produces the HTML. In the workshop "
                                    "you will:</p>"
                                    "<ol>"
                                    "<li>create a page for a recent statement, with a title, date "
                                    "and body text;</li>"
                                    "<li>give it a logical heading structure, with one main "
                                    "heading per page;</li>"
                                    "<li>link to the delivered statement as a PDF and to the "
                                    "relevant United Nations page;</li>"
                                    "<li>preview the page on a computer and a mobile phone, then "
                                    "publish it.</li></ol>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "tip",
                                    "title": "Paste as plain text",
                                    "text": (
                                        "<p>Text copied from a word processor can bring hidden "
                                        "formatting that breaks the layout. Paste it as plain "
                                        "text, then apply headings and lists with the editor.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                    {
                        "title": "Images, documents and accessibility",
                        "slug": "images-and-accessibility",
                        "summary": (
                            "Prepare images and documents that load quickly and that every visitor "
                            "can use."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>Images</h2>"
                                    "<ul>"
                                    "<li>Resize photographs before uploading; a picture taken with "
                                    "a phone is usually far larger than a page needs.</li>"
                                    "<li>Add alternative text that describes what the image shows, "
                                    "for example <i>The Permanent Representative addresses the "
                                    "Security Council</i>.</li>"
                                    "<li>Use a format suited to the image: JPEG for photographs, "
                                    "PNG for logos and graphics.</li>"
                                    "<li>Publish only images the mission has the right to use, and "
                                    "credit the photographer where required.</li></ul>"
                                    "<h2>Documents</h2>"
                                    "<p>Publish statements as web pages first, with a PDF copy for "
                                    "those who want the delivered version. Give each file a clear "
                                    "name and show its size and language next to the link. Remove "
                                    "outdated documents rather than leaving several versions "
                                    "online.</p>"
                                    "<h2>Accessibility checklist</h2>"
                                    "<ul>"
                                    "<li>Headings in order, and descriptive link text.</li>"
                                    "<li>Enough contrast between text and background.</li>"
                                    "<li>No information conveyed by colour alone.</li>"
                                    "<li>Every page usable with the keyboard alone.</li>"
                                    "<li>Captions or a transcript for every video or audio "
                                    "recording.</li></ul>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "note",
                                    "title": "Think of slow connections",
                                    "text": (
                                        "<p>Many visitors, including colleagues in capital, browse "
                                        "on slow or costly connections. Light pages are a courtesy "
                                        "to them.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                    {
                        "title": "Keeping the site current and secure",
                        "slug": "maintenance-and-security",
                        "summary": (
                            "Agree who updates the site, how often, and how access to it is "
                            "protected."
                        ),
                        "body": [
                            {
                                "type": "rich_text",
                                "value": (
                                    "<h2>A maintenance routine</h2>"
                                    "<ul>"
                                    "<li><b>Daily during sessions:</b> publish statements on the "
                                    "day they are delivered.</li>"
                                    "<li><b>Weekly:</b> check the home page and news for outdated "
                                    "items.</li>"
                                    "<li><b>Monthly:</b> test links and review contact details and "
                                    "staff lists.</li>"
                                    "<li><b>After each session:</b> archive statements by session "
                                    "and update priorities.</li></ul>"
                                    "<h2>Roles</h2>"
                                    "<p>Name an editor and a back-up, and agree who approves "
                                    "content. Record the procedure in a short guide so that the "
                                    "site survives staff rotation. Keep a list of everyone who has "
                                    "access, and review it every quarter.</p>"
                                    "<h2>Security</h2>"
                                    "<p>Give each editor an individual account, use strong "
                                    "passwords and two-step verification, remove access when staff "
                                    "leave and keep the content management system updated. Keep a "
                                    "copy of the site's content so that it can be restored if the "
                                    "site is defaced, and check the site after each update of the "
                                    "system.</p>"
                                ),
                            },
                            {
                                "type": "callout",
                                "value": {
                                    "kind": "warning",
                                    "title": "Never share access codes",
                                    "text": (
                                        "<p>Do not send site passwords or access codes by e-mail "
                                        "or leave them on a note. If you suspect they have been "
                                        "exposed, change them at once.</p>"
                                    ),
                                },
                            },
                        ],
                    },
                ],
                "knowledge_check": {
                    "title": "Check your understanding",
                    "pass_mark": 70,
                    "questions": [
                        {
                            "text": (
                                "Why should pages use proper headings rather than large bold text?"
                            ),
                            "choices": [
                                "Headings make the file smaller",
                                "Browsers and screen readers rely on headings to present and "
                                "navigate the page",
                                "Headings are required before a PDF can be attached",
                            ],
                            "correct": 1,
                            "explanation": (
                                "Heading structure gives the page an outline that browsers and "
                                "assistive technologies use."
                            ),
                        },
                        {
                            "text": (
                                "What is good alternative text for a photograph of the Permanent "
                                "Representative speaking in the Security Council?"
                            ),
                            "choices": [
                                "image1.jpg",
                                "Photo",
                                "The Permanent Representative addresses the Security Council",
                                "Click to enlarge",
                            ],
                            "correct": 2,
                            "explanation": "Alternative text should describe what the image shows.",
                        },
                        {
                            "text": (
                                "A staff member who edited the site leaves the mission. What "
                                "should happen to their access?"
                            ),
                            "choices": [
                                "Remove or disable their account and review who else has access",
                                "Keep their account active in case they return",
                                "Give their password to their successor",
                                "Nothing, as long as the site keeps working",
                            ],
                            "correct": 0,
                            "explanation": (
                                "Access should end when the need for it ends, and individual "
                                "accounts make this easy."
                            ),
                        },
                    ],
                },
            },
        ],
    },
]
