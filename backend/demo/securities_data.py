"""Demo securities master and stock margins: about 3,000 HK and 5,000 US symbols.

Well-known names first, then generated ones. Ratios follow how a Hong Kong broker tiers its
book: blue chips lend 60–70 % (IM 0.30–0.40), mid caps less, small caps are not financeable
(IM = 1); US rows respect the Reg T floors (IM ≥ 0.5, MM ≥ 0.25). About one symbol in eight has
no margin row yet, so there is something to create. Short-sell and intraday rows cover a part
of the financeable names.
"""

import random
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import Connection, insert, select

from backend.risk.models import IntradayMarginRow, LongMarginRow, Security, ShortMarginRow

DEFAULT_SEED = 20240923
HK_COUNT = 3_000
US_COUNT = 5_000
CHUNK = 2_000

HK_KNOWN: tuple[tuple[str, str, str], ...] = (
    ("00700", "Tencent Holdings", "騰訊控股"), ("09988", "Alibaba Group", "阿里巴巴"),
    ("00005", "HSBC Holdings", "滙豐控股"), ("00941", "China Mobile", "中國移動"),
    ("01299", "AIA Group", "友邦保險"), ("00388", "Hong Kong Exchanges", "香港交易所"),
    ("02318", "Ping An Insurance", "中國平安"), ("03690", "Meituan", "美團"),
    ("01810", "Xiaomi", "小米集團"), ("00939", "China Construction Bank", "建設銀行"),
    ("01398", "ICBC", "工商銀行"), ("03988", "Bank of China", "中國銀行"),
    ("00001", "CK Hutchison", "長和"), ("00016", "Sun Hung Kai Properties", "新鴻基地產"),
    ("00002", "CLP Holdings", "中電控股"), ("00003", "HK and China Gas", "香港中華煤氣"),
    ("00011", "Hang Seng Bank", "恒生銀行"), ("00027", "Galaxy Entertainment", "銀河娛樂"),
    ("00066", "MTR Corporation", "港鐵公司"), ("00883", "CNOOC", "中國海洋石油"),
    ("00857", "PetroChina", "中國石油股份"), ("00386", "Sinopec", "中國石油化工股份"),
    ("02020", "ANTA Sports", "安踏體育"), ("01211", "BYD Company", "比亞迪股份"),
    ("09618", "JD.com", "京東集團"), ("09999", "NetEase", "網易"), ("01024", "Kuaishou", "快手"),
    ("02269", "WuXi Biologics", "藥明生物"), ("00175", "Geely Automobile", "吉利汽車"),
    ("02628", "China Life", "中國人壽"), ("00823", "Link REIT", "領展房產基金"),
    ("00012", "Henderson Land", "恒基地產"), ("00017", "New World Development", "新世界發展"),
    ("01038", "CK Infrastructure", "長江基建集團"), ("00006", "Power Assets", "電能實業"),
)
US_KNOWN: tuple[tuple[str, str], ...] = (
    ("AAPL", "Apple Inc."), ("MSFT", "Microsoft"), ("NVDA", "NVIDIA"), ("AMZN", "Amazon.com"),
    ("GOOGL", "Alphabet Class A"), ("META", "Meta Platforms"), ("TSLA", "Tesla"),
    ("BRK.B", "Berkshire Hathaway Class B"), ("JPM", "JPMorgan Chase"), ("V", "Visa"),
    ("MA", "Mastercard"), ("UNH", "UnitedHealth"), ("XOM", "Exxon Mobil"), ("JNJ", "Johnson & Johnson"),
    ("PG", "Procter & Gamble"), ("HD", "Home Depot"), ("COST", "Costco"), ("AVGO", "Broadcom"),
    ("NFLX", "Netflix"), ("AMD", "Advanced Micro Devices"), ("BABA", "Alibaba Group ADR"),
    ("PDD", "PDD Holdings ADR"), ("NIO", "NIO ADR"), ("TSM", "Taiwan Semiconductor ADR"),
    ("KO", "Coca-Cola"), ("PEP", "PepsiCo"), ("DIS", "Walt Disney"), ("INTC", "Intel"),
    ("ORCL", "Oracle"), ("CRM", "Salesforce"),
)
_HK_WORDS = (("Holdings", "控股"), ("Group", "集團"), ("International", "國際"), ("Technology", "科技"),
             ("Properties", "置業"), ("Resources", "資源"), ("Financial", "金融"), ("Industrial", "實業"),
             ("Healthcare", "醫療"), ("Energy", "能源"), ("Logistics", "物流"), ("Education", "教育"))
_HK_STEMS = (("Harbour", "海港"), ("Jade", "翡翠"), ("Golden", "金"), ("Pearl", "明珠"), ("Dragon", "龍"),
             ("Orient", "東方"), ("Lotus", "蓮花"), ("Summit", "峰"), ("Phoenix", "鳳凰"), ("Evergreen", "長青"),
             ("Victoria", "維港"), ("Kowloon", "九龍"), ("Pacific", "太平洋"), ("Prosper", "興盛"),
             ("Unity", "聯合"), ("Bright", "光明"), ("Silver", "銀"), ("Crystal", "晶"))
_US_WORDS = ("Corp.", "Inc.", "Holdings", "Group", "Technologies", "Therapeutics", "Bancorp", "Energy",
             "Systems", "Brands", "Realty", "Semiconductor")
_US_STEMS = ("Apex", "Blue Ridge", "Cedar", "Delta", "Eagle", "Frontier", "Granite", "Harbor", "Ion",
             "Juniper", "Keystone", "Liberty", "Meridian", "Northstar", "Orion", "Pinnacle", "Quantum",
             "Redwood", "Sierra", "Titan", "Union", "Vertex", "Westfield", "Zenith")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass
class SecuritiesData:
    securities: list[dict] = field(default_factory=list)
    margins: list[dict] = field(default_factory=list)
    short_margins: list[dict] = field(default_factory=list)
    intraday_margins: list[dict] = field(default_factory=list)


def _ladder(im: str, mcm: str, mm: str, fm: str) -> dict:
    return {"im": Decimal(im), "mcm": Decimal(mcm), "mm": Decimal(mm), "fm": Decimal(fm)}


# (weight, IM, MCM, MM, FM): tiers of a broker's book; IM = 1 is "not financeable".
_HK_TIERS = ((0.10, "0.3000", "0.2500", "0.2000", "0.1500"), (0.15, "0.4000", "0.3500", "0.3000", "0.2500"),
             (0.20, "0.5000", "0.4500", "0.4000", "0.3500"), (0.20, "0.7000", "0.6500", "0.6000", "0.5500"),
             (0.35, "1.0000", "1.0000", "1.0000", "1.0000"))
_US_TIERS = ((0.35, "0.5000", "0.3500", "0.3000", "0.2500"), (0.25, "0.6000", "0.4500", "0.4000", "0.3500"),
             (0.15, "0.7500", "0.6000", "0.5000", "0.4500"), (0.25, "1.0000", "1.0000", "1.0000", "1.0000"))


def generate(*, hk: int = HK_COUNT, us: int = US_COUNT, seed: int = DEFAULT_SEED) -> SecuritiesData:
    rng = random.Random(seed)
    data = SecuritiesData()
    for code, name, name_zh in _hk_names(rng, hk):
        data.securities.append({"symbol": f"{code}.HK", "market": "HK", "name": name, "name_zh": name_zh})
    for ticker, name in _us_names(rng, us):
        data.securities.append({"symbol": f"{ticker}.US", "market": "US", "name": name, "name_zh": None})
    known = {f"{c}.HK" for c, _, _ in HK_KNOWN} | {f"{t}.US" for t, _ in US_KNOWN}
    for sec in data.securities:
        if sec["symbol"] in known:
            tier = (_HK_TIERS if sec["market"] == "HK" else _US_TIERS)[0]  # blue chips lend most
        elif rng.random() < 0.125:
            continue  # no margin row yet
        else:
            tiers = _HK_TIERS if sec["market"] == "HK" else _US_TIERS
            tier = rng.choices(tiers, weights=[t[0] for t in tiers])[0]
        ratios = _ladder(*tier[1:])
        data.margins.append({"symbol": sec["symbol"], "market": sec["market"], **ratios,
                             "financeable": ratios["im"] < 1, "effective_from": None, "remark": None,
                             "version": 1})
        if ratios["im"] < 1:
            _short_and_intraday(rng, data, sec, ratios, blue_chip=sec["symbol"] in known)
    return data


def _short_and_intraday(rng: random.Random, data: SecuritiesData, sec: dict, long: dict, blue_chip: bool) -> None:
    """Short selling is offered on the more liquid financeable names (HK: designated securities
    only), intraday margin on the most traded; both ask more than the long side."""
    if blue_chip or rng.random() < 0.45:
        status = rng.choices(["allowed", "manual_forbidden", "system_forbidden"], [85, 5, 10])[0]
        short = {f: min(Decimal(1), long[f] + Decimal("0.2")) for f in ("im", "mcm", "mm", "fm")}
        fee = Decimal(rng.choice(("0.0150", "0.0250", "0.0325", "0.0500", "0.0800", "0.1500")))
        data.short_margins.append({"symbol": sec["symbol"], "market": sec["market"], **short, "status": status,
                                   "borrow_fee_rate": fee,
                                   "available_qty": 0 if status == "system_forbidden"
                                   else rng.randrange(1, 500) * 1000, "version": 1})
    if blue_chip or rng.random() < 0.12:
        # Intraday asks less than overnight: half the long ratios, never below the floor of 0.1.
        im, mm, fm = (max(Decimal("0.1"), (long[f] / 2).quantize(Decimal("0.0001"))) for f in ("im", "mm", "fm"))
        data.intraday_margins.append({"symbol": sec["symbol"], "market": sec["market"], "im": im,
                                      "mm": min(mm, im), "fm": min(fm, mm, im), "active": rng.random() < 0.9,
                                      "version": 1})


def _hk_names(rng: random.Random, count: int):
    yield from HK_KNOWN[:count]
    taken = {int(c) for c, _, _ in HK_KNOWN}
    codes = sorted(rng.sample([n for n in range(1, 10000) if n not in taken], max(0, count - len(HK_KNOWN))))
    for n in codes:
        stem, stem_zh = rng.choice(_HK_STEMS)
        word, word_zh = rng.choice(_HK_WORDS)
        yield f"{n:05d}", f"{stem} {word}", f"{stem_zh}{word_zh}"


def _us_names(rng: random.Random, count: int):
    yield from US_KNOWN[:count]
    taken = {t for t, _ in US_KNOWN}
    while len(taken) < count:
        ticker = "".join(rng.choices(_LETTERS, k=rng.choice((3, 4, 4))))
        if ticker in taken:
            continue
        taken.add(ticker)
        yield ticker, f"{rng.choice(_US_STEMS)} {rng.choice(_US_WORDS)}"


def insert_all(conn: Connection, data: SecuritiesData) -> None:
    """Into empty tables only: an existing master is never touched."""
    if conn.scalar(select(Security.symbol).limit(1)) is not None:
        raise ValueError("demo securities go into an empty master only")
    for model, rows in ((Security, data.securities), (LongMarginRow, data.margins),
                        (ShortMarginRow, data.short_margins), (IntradayMarginRow, data.intraday_margins)):
        for start in range(0, len(rows), CHUNK):
            conn.execute(insert(model), rows[start:start + CHUNK])
