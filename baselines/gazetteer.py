"""General-knowledge name lists: countries, demonyms, well-known armed groups, news agencies.

Nothing here comes from the benchmark's articles: the lists are the kind of gazetteer any
newsroom NER system ships with, so the baselines behave the same on unseen articles.
"""

from __future__ import annotations

# Sovereign states and a few widely used short forms (general knowledge).
COUNTRIES: tuple[str, ...] = (
    "Afghanistan", "Albania", "Algeria", "Angola", "Argentina", "Armenia", "Australia",
    "Austria", "Azerbaijan", "Bahrain", "Bangladesh", "Belarus", "Belgium", "Benin",
    "Bolivia", "Bosnia", "Brazil", "Britain", "Bulgaria", "Burkina Faso", "Burundi",
    "Cambodia", "Cameroon", "Canada", "Central African Republic", "Chad", "Chile", "China",
    "Colombia", "Congo", "Democratic Republic of Congo", "Croatia", "Cuba", "Cyprus",
    "Czech Republic", "Denmark", "Djibouti", "Ecuador", "Egypt", "El Salvador", "Eritrea",
    "Estonia", "Ethiopia", "Finland", "France", "Gabon", "Gambia", "Georgia", "Germany",
    "Ghana", "Greece", "Guatemala", "Guinea", "Haiti", "Honduras", "Hungary", "India",
    "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy", "Ivory Coast", "Jamaica",
    "Japan", "Jordan", "Kazakhstan", "Kenya", "Kosovo", "Kuwait", "Kyrgyzstan", "Laos",
    "Latvia", "Lebanon", "Liberia", "Libya", "Lithuania", "Madagascar", "Malawi", "Malaysia",
    "Mali", "Mauritania", "Mexico", "Moldova", "Mongolia", "Morocco", "Mozambique", "Myanmar",
    "Namibia", "Nepal", "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria",
    "North Korea", "Norway", "Oman", "Pakistan", "Palestine", "Panama", "Paraguay", "Peru",
    "Philippines", "Poland", "Portugal", "Qatar", "Romania", "Russia", "Rwanda",
    "Saudi Arabia", "Senegal", "Serbia", "Sierra Leone", "Somalia", "South Africa",
    "South Korea", "South Sudan", "Spain", "Sri Lanka", "Sudan", "Sweden", "Switzerland",
    "Syria", "Taiwan", "Tanzania", "Thailand", "Togo", "Tunisia", "Turkey",
    "Turkmenistan", "Uganda", "Ukraine", "United Arab Emirates", "United Kingdom",
    "United States", "Uruguay", "Uzbekistan", "Venezuela", "Vietnam", "Yemen", "Zambia",
    "Zimbabwe", "Gaza", "West Bank", "Kurdistan", "Chechnya", "Kashmir", "Sinai", "Darfur",
    "Balochistan", "Sahel", "Middle East", "U.S.", "USA", "UK",
)

# Demonyms and ethnic adjectives: "Iraqi officials", "Kurdish fighters", "Afghan police".
DEMONYMS: tuple[str, ...] = (
    "Afghan", "Algerian", "American", "Arab", "Bahraini", "Bangladeshi", "Belgian",
    "British", "Burkinabe", "Cameroonian", "Chadian", "Chinese", "Colombian", "Congolese",
    "Egyptian", "Ethiopian", "French", "German", "Indian", "Indonesian", "Iranian", "Iraqi",
    "Israeli", "Jordanian", "Kenyan", "Kurdish", "Kuwaiti", "Lebanese", "Libyan", "Malian",
    "Mexican", "Moroccan", "Mozambican", "Nigerian", "Nigerien", "Pakistani", "Palestinian",
    "Filipino", "Qatari", "Russian", "Saudi", "Somali", "Sudanese", "Syrian", "Tunisian",
    "Turkish", "Ugandan", "Ukrainian", "Yemeni", "Western", "US", "U.S.", "UN", "NATO",
)

# Well-known armed groups: canonical key -> aliases (general knowledge). Short all-caps
# aliases are matched case-sensitively (``IS`` must not match the verb "is").
ARMED_GROUPS: dict[str, tuple[str, ...]] = {
    "islamic_state": (
        "Islamic State of Iraq and Syria", "Islamic State of Iraq and the Levant",
        "Islamic State group", "Islamic State", "ISIS", "ISIL", "IS", "Daesh", "Daech",
        "Islamic State West Africa Province", "ISWAP", "ISIS-K", "Islamic State Khorasan",
    ),
    "islamic_state_of_iraq": ("Islamic State of Iraq", "ISI"),
    "al_qaeda_in_iraq": ("al-Qaeda in Iraq", "Al Qaeda in Iraq", "al-Qaida in Iraq", "AQI"),
    "aqap": ("al-Qaeda in the Arabian Peninsula", "AQAP"),
    "aqim": ("al-Qaeda in the Islamic Maghreb", "AQIM"),
    "al_qaeda": ("al-Qaeda", "al Qaeda", "al-Qaida", "al Qaida", "al-Qa'ida", "al Qa'eda", "al Qa’eda"),
    "al_shabaab": ("al-Shabaab", "al Shabaab", "al-Shabab", "Shabaab", "Shabab"),
    "boko_haram": ("Boko Haram",),
    "taliban": ("Taliban", "Tehrik-i-Taliban Pakistan", "Pakistani Taliban", "TTP"),
    "haqqani": ("Haqqani network",),
    "hezbollah": ("Hezbollah", "Hizbollah", "Hizballah"),
    "houthis": ("Houthis", "Houthi rebels", "Houthi", "Ansar Allah"),
    "hamas": ("Hamas",),
    "islamic_jihad": ("Islamic Jihad", "Palestinian Islamic Jihad"),
    "pkk": ("PKK", "Kurdistan Workers' Party", "Kurdistan Workers Party"),
    "ypg": ("YPG", "People's Protection Units"),
    "hts": ("Hayat Tahrir al-Sham", "HTS"),
    "nusra": ("Nusra Front", "al-Nusra Front", "Jabhat al-Nusra"),
    "ahrar_al_sham": ("Ahrar al-Sham",),
    "lashkar": ("Lashkar-e-Taiba", "Lashkar-e-Toiba", "LeT"),
    "jaish": ("Jaish-e-Mohammed", "Jaish-e-Muhammad"),
    "jnim": ("JNIM", "Jama'at Nasr al-Islam wal Muslimin"),
    "ansar_dine": ("Ansar Dine",),
    "ansar_al_sharia": ("Ansar al-Sharia",),
    "abu_sayyaf": ("Abu Sayyaf",),
    "farc": ("FARC",),
    "eln": ("ELN", "National Liberation Army"),
    "ltte": ("Tamil Tigers", "LTTE"),
    "adf": ("Allied Democratic Forces", "ADF"),
    "m23": ("M23",),
    "rsf": ("Rapid Support Forces", "RSF"),
    "wagner": ("Wagner Group", "Wagner"),
    "janjaweed": ("Janjaweed",),
    "mahdi_army": ("Mahdi Army", "Jaysh al-Mahdi"),
    "asaib": ("Asaib Ahl al-Haq",),
    "kataib_hezbollah": ("Kataib Hezbollah", "Kata'ib Hezbollah"),
    "pmf": ("Popular Mobilization Forces", "Popular Mobilisation Forces", "Hashd al-Shaabi", "PMF"),
    "ira": ("IRA", "Irish Republican Army"),
    "eta": ("ETA",),
    "shining_path": ("Shining Path",),
    "naxalites": ("Naxalites", "Maoist rebels"),
}

# International news agencies and broadcasters (general knowledge).
NEWS_AGENCIES: tuple[str, ...] = (
    "Reuters", "Associated Press", "AP", "Agence France-Presse", "AFP", "BBC", "CNN",
    "Al Jazeera", "Al-Jazeera", "Al Arabiya", "Anadolu Agency", "Xinhua", "TASS",
    "New York Times", "Washington Post", "The Guardian", "The Independent", "Bloomberg",
    "Fox News", "NBC News", "CBS News", "ABC News", "Sky News", "Deutsche Welle", "DPA",
    "UPI", "Voice of America",
)

# International bodies that issue statements (general knowledge).
ORGANISATIONS: tuple[str, ...] = (
    "United Nations", "UN", "U.N.", "NATO", "European Union", "EU", "African Union",
    "Arab League", "Red Cross", "International Committee of the Red Cross", "ICRC",
    "Human Rights Watch", "Amnesty International", "Pentagon", "White House",
    "State Department", "Kremlin", "UNICEF", "WHO",
)
