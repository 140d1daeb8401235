"""Name tables for demo customers: Hong Kong (Cantonese romanisation), US, and companies.

Weights are rough relative frequencies, good enough for names that look like a real book of
Hong Kong brokerage clients; romanisations follow the Hong Kong government (HKID) spelling.
"""

# (Chinese, romanisation, weight). Two 黃/王 "Wong", two 吳/伍 "Ng", 周/鄒 "Chow", 黎/賴 "Lai",
# 湯/唐 "Tong": the English names collide just as they do in Hong Kong.
HK_SURNAMES: tuple[tuple[str, str, float], ...] = (
    ("陳", "Chan", 10.0), ("黃", "Wong", 7.0), ("李", "Lee", 6.0), ("張", "Cheung", 5.0),
    ("林", "Lam", 4.0), ("梁", "Leung", 4.0), ("何", "Ho", 3.0), ("劉", "Lau", 3.0),
    ("吳", "Ng", 2.5), ("鄭", "Cheng", 2.5), ("王", "Wong", 2.0), ("郭", "Kwok", 1.5),
    ("曾", "Tsang", 1.5), ("周", "Chow", 1.5), ("譚", "Tam", 1.3), ("麥", "Mak", 1.2),
    ("羅", "Law", 1.2), ("蔡", "Choi", 1.2), ("馮", "Fung", 1.2), ("葉", "Yip", 1.2),
    ("朱", "Chu", 1.2), ("許", "Hui", 1.2), ("盧", "Lo", 1.2), ("楊", "Yeung", 1.2),
    ("鄧", "Tang", 1.2), ("鍾", "Chung", 1.0), ("趙", "Chiu", 1.0), ("胡", "Wu", 1.0),
    ("徐", "Tsui", 1.0), ("馬", "Ma", 1.0), ("謝", "Tse", 1.0), ("蘇", "So", 0.8),
    ("袁", "Yuen", 0.8), ("潘", "Poon", 0.8), ("余", "Yu", 0.8), ("彭", "Pang", 0.7),
    ("莫", "Mok", 0.7), ("方", "Fong", 0.7), ("關", "Kwan", 0.7), ("杜", "To", 0.6),
    ("高", "Ko", 0.6), ("伍", "Ng", 0.6), ("黎", "Lai", 0.6), ("姚", "Yiu", 0.5),
    ("江", "Kong", 0.5), ("邱", "Yau", 0.5), ("雷", "Lui", 0.5), ("廖", "Liu", 0.5),
    ("蕭", "Siu", 0.5), ("鄒", "Chow", 0.4), ("文", "Man", 0.4), ("湯", "Tong", 0.4),
    ("陸", "Luk", 0.4), ("唐", "Tong", 0.4), ("范", "Fan", 0.4), ("甘", "Kam", 0.4),
    ("賴", "Lai", 0.4), ("温", "Wan", 0.4), ("石", "Shek", 0.3), ("孔", "Hung", 0.3),
    ("岑", "Shum", 0.3), ("嚴", "Yim", 0.3), ("鄺", "Kwong", 0.3), ("歐陽", "Au Yeung", 0.3),
    ("司徒", "Szeto", 0.2), ("冼", "Sin", 0.2), ("龍", "Lung", 0.2), ("翁", "Yung", 0.2),
)

# Given-name characters with their romanisation, by position in a two-character name.
HK_MALE_FIRST: tuple[tuple[str, str], ...] = (
    ("家", "Ka"), ("志", "Chi"), ("偉", "Wai"), ("俊", "Chun"), ("國", "Kwok"), ("建", "Kin"),
    ("子", "Tsz"), ("浩", "Ho"), ("嘉", "Ka"), ("永", "Wing"), ("大", "Tai"), ("小", "Siu"),
    ("耀", "Yiu"), ("錦", "Kam"), ("振", "Chun"), ("健", "Kin"), ("文", "Man"), ("啟", "Kai"),
    ("兆", "Siu"), ("冠", "Kwun"), ("卓", "Cheuk"), ("銘", "Ming"), ("宏", "Wang"), ("天", "Tin"),
    ("少", "Siu"), ("德", "Tak"), ("智", "Chi"), ("明", "Ming"), ("思", "Sze"), ("展", "Chin"),
)
HK_MALE_SECOND: tuple[tuple[str, str], ...] = (
    ("明", "Ming"), ("偉", "Wai"), ("傑", "Kit"), ("文", "Man"), ("華", "Wah"), ("強", "Keung"),
    ("輝", "Fai"), ("豪", "Ho"), ("軒", "Hin"), ("樂", "Lok"), ("朗", "Long"), ("霖", "Lam"),
    ("峰", "Fung"), ("達", "Tat"), ("雄", "Hung"), ("賢", "Yin"), ("康", "Hong"), ("聰", "Chung"),
    ("榮", "Wing"), ("昌", "Cheong"), ("恒", "Hang"), ("熙", "Hei"), ("謙", "Him"), ("源", "Yuen"),
    ("彬", "Pun"), ("鋒", "Fung"), ("麟", "Lun"), ("龍", "Lung"), ("邦", "Pong"), ("濤", "To"),
    ("基", "Kei"), ("恩", "Yan"), ("成", "Shing"), ("倫", "Lun"), ("業", "Yip"), ("光", "Kwong"),
)
HK_FEMALE_FIRST: tuple[tuple[str, str], ...] = (
    ("嘉", "Ka"), ("詠", "Wing"), ("美", "Mei"), ("淑", "Suk"), ("慧", "Wai"), ("曉", "Hiu"),
    ("寶", "Po"), ("芷", "Tsz"), ("秀", "Sau"), ("碧", "Pik"), ("佩", "Pui"), ("凱", "Hoi"),
    ("雅", "Nga"), ("麗", "Lai"), ("素", "So"), ("家", "Ka"), ("敏", "Man"), ("穎", "Wing"),
    ("思", "Sze"), ("玉", "Yuk"), ("月", "Yuet"), ("翠", "Chui"), ("婉", "Yuen"), ("紫", "Tsz"),
    ("少", "Siu"), ("靜", "Ching"), ("綺", "Yee"), ("卓", "Cheuk"), ("巧", "Hau"), ("希", "Hei"),
)
HK_FEMALE_SECOND: tuple[tuple[str, str], ...] = (
    ("欣", "Yan"), ("詩", "Sze"), ("玲", "Ling"), ("儀", "Yee"), ("婷", "Ting"), ("怡", "Yi"),
    ("彤", "Tung"), ("晴", "Ching"), ("琪", "Kei"), ("敏", "Man"), ("珊", "Shan"), ("雯", "Man"),
    ("瑩", "Ying"), ("茵", "Yan"), ("芬", "Fan"), ("燕", "Yin"), ("萍", "Ping"), ("霞", "Ha"),
    ("蓮", "Lin"), ("鳳", "Fung"), ("潔", "Kit"), ("娟", "Kuen"), ("嫻", "Han"), ("盈", "Ying"),
    ("瑜", "Yu"), ("蔚", "Wai"), ("妍", "Yin"), ("宜", "Yi"), ("君", "Kwan"), ("薇", "Mei"),
    ("華", "Wah"), ("賢", "Yin"), ("恩", "Yan"), ("淇", "Kei"), ("兒", "Yi"), ("心", "Sum"),
)

# English given names Hong Kong people commonly adopt.
HK_ENGLISH_MALE: tuple[str, ...] = (
    "Peter", "Kelvin", "Raymond", "Eric", "Jason", "Kenneth", "Alan", "Michael", "Tony", "Wilson",
    "Ivan", "Gary", "Dickson", "Calvin", "Ken", "Anthony", "Vincent", "Edmond", "Patrick",
    "Stanley", "Samuel", "Brian", "Derek", "Felix", "Horace", "Jacky", "Ricky", "Sunny", "Terence",
    "Victor", "Alex", "Andy", "Billy", "Chris", "Danny", "Eddie", "Francis", "Henry", "Johnny",
    "Leo", "Marco", "Nelson", "Oscar", "Philip", "Ronald", "Simon", "Thomas", "William", "Kevin",
)
HK_ENGLISH_FEMALE: tuple[str, ...] = (
    "Mandy", "Carmen", "Grace", "Vivian", "Winnie", "Cherry", "Karen", "Jenny", "Queenie", "Janice",
    "Fiona", "Joyce", "Candy", "Ivy", "Eva", "Cathy", "Shirley", "Gigi", "Angel", "Bonnie",
    "Connie", "Daisy", "Elaine", "Fanny", "Gloria", "Helen", "Iris", "Jessica", "Kitty", "Lily",
    "Maggie", "Nancy", "Phoebe", "Rachel", "Stella", "Tiffany", "Vicky", "Yvonne", "Zoe", "Amy",
    "Agnes", "Sharon", "Teresa", "Wendy", "Polly", "Christy", "Michelle", "Emily", "Sandy", "Josephine",
)

US_FIRST_MALE: tuple[str, ...] = (
    "James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas",
    "Christopher", "Charles", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Andrew",
    "Paul", "Joshua", "Kenneth", "Kevin", "Brian", "George", "Timothy", "Ronald", "Jason", "Edward",
    "Jeffrey", "Ryan", "Jacob", "Gary", "Nicholas", "Eric", "Jonathan", "Stephen", "Larry",
    "Justin", "Scott", "Brandon", "Benjamin", "Samuel", "Gregory", "Alexander", "Patrick", "Frank",
)
US_FIRST_FEMALE: tuple[str, ...] = (
    "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah",
    "Karen", "Lisa", "Nancy", "Betty", "Sandra", "Margaret", "Ashley", "Kimberly", "Emily", "Donna",
    "Michelle", "Carol", "Amanda", "Melissa", "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura",
    "Cynthia", "Amy", "Kathleen", "Angela", "Shirley", "Brenda", "Emma", "Anna", "Pamela", "Nicole",
    "Samantha", "Katherine", "Christine", "Rachel", "Catherine", "Olivia", "Megan", "Julia",
)
US_SURNAMES: tuple[str, ...] = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
    "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark",
    "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres",
    "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell",
    "Mitchell", "Carter", "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker",
    "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris", "Morales", "Murphy", "Cook",
    "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson", "Bailey", "Reed", "Kelly",
    "Howard", "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Wood", "James", "Bennett",
    "Gray", "Mendoza", "Hughes", "Price", "Sullivan", "Russell", "Foster", "Patel", "Shah",
)

# Hong Kong companies: a trade name and a line of business, each in English and Chinese.
HK_COMPANY_NAMES: tuple[tuple[str, str], ...] = (
    ("Harbour View", "海景"), ("Lion Rock", "獅子山"), ("Kowloon Bay", "九龍灣"), ("Jade Dragon", "玉龍"),
    ("Golden Bauhinia", "金紫荊"), ("Pearl River", "珠江"), ("Victoria", "維多利亞"),
    ("Evergreen", "長青"), ("Silver Star", "銀星"), ("Great Wall", "長城"), ("Repulse Bay", "淺水灣"),
    ("Sai Kung", "西貢"), ("Lantau", "大嶼"), ("Wing On", "永安"), ("Tung Fat", "東發"),
    ("Hang Fung", "恒豐"), ("Kam Sing", "金星"), ("Fook Lee", "福利"), ("Sun Wah", "新華"),
    ("Po Kwong", "寶光"), ("Man Yee", "萬宜"), ("Chun Hing", "駿興"), ("Wah Kee", "華記"),
    ("Tai Hing", "大興"), ("Kin Wing", "建榮"), ("Grand Ocean", "宏洋"), ("Oriental Pearl", "東方明珠"),
    ("Sky Bridge", "天橋"), ("Phoenix", "鳳凰"), ("Red Lantern", "紅燈籠"),
)
HK_COMPANY_LINES: tuple[tuple[str, str], ...] = (
    ("Capital", "資本"), ("Investment", "投資"), ("Holdings", "控股"),
    ("Asset Management", "資產管理"), ("Trading", "貿易"), ("Enterprises", "企業"),
    ("Development", "發展"), ("Industrial", "實業"), ("Properties", "置業"), ("Ventures", "創投"),
    ("Wealth", "財富"), ("Family Office", "家族辦公室"), ("Financial", "金融"),
)
# Spelled out when the plain combinations run out, so that company names stay unique.
HK_COMPANY_QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("", ""), ("(Asia)", "（亞洲）"), ("International", "國際"), ("(Hong Kong)", "（香港）"),
    ("Group", "集團"), ("(Greater China)", "（大中華）"),
)

US_COMPANY_NAMES: tuple[str, ...] = (
    "Bayside", "Redwood", "Granite Peak", "Blue Harbor", "Cedar Creek", "Northgate", "Summit Ridge",
    "Silver Lake", "Lakeshore", "Pinecrest", "Riverbend", "Stonebridge", "Westfield", "Ironwood",
)
US_COMPANY_QUALIFIERS: tuple[str, ...] = ("", "Global", "Pacific", "Atlantic")
US_COMPANY_LINES: tuple[str, ...] = (
    "Capital LLC", "Partners LLC", "Holdings Inc.", "Investments LLC", "Asset Management LLC",
    "Family Trust", "Ventures LP",
)
