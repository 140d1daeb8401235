"""Demo Help Center articles: the same sixteen topics in Traditional Chinese, Simplified Chinese
and English, as a Hong Kong broker's customers read them (Markdown with headings, lists, tables,
links and images by URL). Two topics per language are hidden drafts. Trading has sub-categories
(two levels, one of them with a third), one topic opens an external link instead of its body, and
some are published in only some scenes."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth.models import User
from backend.help_center import repository as help_center
from backend.help_center.models import EVERY_SCENE, HelpArticle, HelpCategory
from backend.kit.clock import utcnow

IMAGES = "https://help.opsdesk.example/images"


@dataclass(frozen=True)
class DemoTopic:
    category: str  # help_categories.code
    visible: bool
    texts: dict[str, tuple[str, str]]  # language → (title, Markdown body)
    external_link: str | None = None
    scenes: str = EVERY_SCENE


# Sub-categories the demo adds under the seeded ones: (code, parent code, English, Chinese).
SUBCATEGORIES = (
    ("trading_rules", "trading", "Trading rules", "交易規則"),
    ("trading_fees", "trading", "Fees", "收費"),
    ("trading_rules_us", "trading_rules", "US market", "美股市場"),
)


TOPICS: tuple[DemoTopic, ...] = (
    DemoTopic("account_opening", True, {
        "en": ("How to open an account online", f"""\
# How to open an account online

You can open a securities account in the OpsDesk app in about 10 minutes.

## Before you start

- A valid Hong Kong identity card or passport
- Proof of address issued within the last 3 months
- A bank account in your own name for identity verification

## Steps

1. Download the app and tap **Open account**.
2. Take photos of your identity document and a selfie.
3. Fill in your employment, income and investment experience.
4. Read and sign the client agreement and the risk disclosure statement.
5. Transfer HKD 10,000 or more from your own bank account to verify your identity.

Most applications are approved within **one business day**; we tell you by email and push notification.

![Account opening in the app]({IMAGES}/account-opening-steps.png)
"""),
        "zh-Hant": ("如何網上開戶", f"""\
# 如何網上開戶

在 OpsDesk 應用程式開立證券賬戶，約需 10 分鐘。

## 開始前請準備

- 有效的香港身份證或護照
- 最近 3 個月內發出的住址證明
- 以您本人名義開立的銀行賬戶，用作身份驗證

## 步驟

1. 下載應用程式，點選 **開戶**。
2. 拍攝身份證明文件及自拍照。
3. 填寫職業、收入及投資經驗。
4. 細閱並簽署客戶協議及風險披露聲明。
5. 由您本人的銀行賬戶轉賬港幣 10,000 元或以上，以驗證身份。

大部分申請於 **一個工作天** 內完成審批，我們會以電郵及推送通知告知結果。

![應用程式開戶步驟]({IMAGES}/account-opening-steps.png)
"""),
        "zh-Hans": ("如何网上开户", f"""\
# 如何网上开户

在 OpsDesk 应用程序开立证券账户，约需 10 分钟。

## 开始前请准备

- 有效的香港身份证或护照
- 最近 3 个月内发出的住址证明
- 以您本人名义开立的银行账户，用作身份验证

## 步骤

1. 下载应用程序，点选 **开户**。
2. 拍摄身份证明文件及自拍照。
3. 填写职业、收入及投资经验。
4. 细阅并签署客户协议及风险披露声明。
5. 由您本人的银行账户转账港币 10,000 元或以上，以验证身份。

大部分申请于 **一个工作日** 内完成审批，我们会以电邮及推送通知告知结果。

![应用程序开户步骤]({IMAGES}/account-opening-steps.png)
"""),
    }),
    DemoTopic("account_opening", True, {
        "en": ("Documents required for account opening", """\
# Documents required for account opening

| Applicant | Identity document | Proof of address |
|---|---|---|
| Hong Kong resident | Hong Kong identity card | Utility bill or bank statement (last 3 months) |
| Mainland China resident | Resident identity card and passport or exit-entry permit | Bank statement (last 3 months) |
| Other nationalities | Passport | Utility bill or bank statement (last 3 months) |

## Notes

- Documents must be clear colour photos showing all four corners.
- Electronic statements are accepted if they show your full name and address.
- If your address is not in your name, contact us before you apply.
"""),
        "zh-Hant": ("開戶所需文件", """\
# 開戶所需文件

| 申請人 | 身份證明文件 | 住址證明 |
|---|---|---|
| 香港居民 | 香港身份證 | 最近 3 個月的水電煤賬單或銀行月結單 |
| 中國內地居民 | 居民身份證及護照或往來港澳通行證 | 最近 3 個月的銀行月結單 |
| 其他國籍人士 | 護照 | 最近 3 個月的水電煤賬單或銀行月結單 |

## 注意事項

- 文件須為清晰的彩色相片，並顯示四角。
- 電子結單如載有您的全名及地址亦可接受。
- 如住址證明並非以您的名義發出，請於申請前聯絡我們。
"""),
        "zh-Hans": ("开户所需文件", """\
# 开户所需文件

| 申请人 | 身份证明文件 | 住址证明 |
|---|---|---|
| 香港居民 | 香港身份证 | 最近 3 个月的水电煤账单或银行月结单 |
| 中国内地居民 | 居民身份证及护照或往来港澳通行证 | 最近 3 个月的银行月结单 |
| 其他国籍人士 | 护照 | 最近 3 个月的水电煤账单或银行月结单 |

## 注意事项

- 文件须为清晰的彩色照片，并显示四角。
- 电子结单如载有您的全名及地址亦可接受。
- 如住址证明并非以您的名义发出，请于申请前联系我们。
"""),
    }),
    DemoTopic("account_opening", False, {
        "en": ("Opening a joint account", """\
# Opening a joint account

*Draft: joint accounts open in the app later this year.*

A joint account is held by two people, who both sign the client agreement.

- Either holder may place orders.
- Withdrawals go only to a bank account in both holders' names.
- Both holders receive every statement and notice.
"""),
        "zh-Hant": ("開立聯名賬戶", """\
# 開立聯名賬戶

*草稿：應用程式將於今年稍後開放聯名賬戶申請。*

聯名賬戶由兩位人士共同持有，雙方均須簽署客戶協議。

- 任何一位持有人均可落盤。
- 提款只可存入以兩位持有人名義開立的銀行賬戶。
- 兩位持有人均會收到所有結單及通知。
"""),
        "zh-Hans": ("开立联名账户", """\
# 开立联名账户

*草稿：应用程序将于今年稍后开放联名账户申请。*

联名账户由两位人士共同持有，双方均须签署客户协议。

- 任何一位持有人均可下单。
- 提款只可存入以两位持有人名义开立的银行账户。
- 两位持有人均会收到所有结单及通知。
"""),
    }),
    DemoTopic("deposits_withdrawals", True, {
        "en": ("How to deposit funds", f"""\
# How to deposit funds

Deposit only from a bank account in **your own name**; third-party deposits are returned.

| Method | Currencies | Usually arrives |
|---|---|---|
| FPS (Faster Payment System) | HKD | Within minutes |
| eDDA direct debit | HKD, USD | Within 1 hour |
| Bank transfer | HKD, USD, CNH | Same business day if received before 16:00 |
| Cheque | HKD | 2 business days |

## Deposit by FPS

1. In the app, open **Funds › Deposit** and choose **FPS**.
2. Copy our FPS identifier and pay from your banking app.
3. The funds appear in your account once the bank confirms.

See the [HKMA's guide to FPS](https://www.hkma.gov.hk/eng/key-functions/international-financial-centre/financial-market-infrastructure/faster-payment-system-fps/) for more.

![FPS deposit]({IMAGES}/fps-deposit.png)
"""),
        "zh-Hant": ("如何存入資金", f"""\
# 如何存入資金

請只從 **您本人名義** 的銀行賬戶存款；第三者存款將被退回。

| 方式 | 貨幣 | 一般到賬時間 |
|---|---|---|
| 轉數快（FPS） | 港幣 | 數分鐘內 |
| eDDA 直接扣賬 | 港幣、美元 | 1 小時內 |
| 銀行轉賬 | 港幣、美元、離岸人民幣 | 16:00 前收到即當日 |
| 支票 | 港幣 | 2 個工作天 |

## 以轉數快存款

1. 在應用程式開啟 **資金 › 存款**，選擇 **轉數快**。
2. 複製我們的轉數快識別碼，並於您的網上銀行付款。
3. 銀行確認後，資金即會存入您的賬戶。

詳情請參閱[金管局的轉數快介紹](https://www.hkma.gov.hk/chi/key-functions/international-financial-centre/financial-market-infrastructure/faster-payment-system-fps/)。

![轉數快存款]({IMAGES}/fps-deposit.png)
"""),
        "zh-Hans": ("如何存入资金", f"""\
# 如何存入资金

请只从 **您本人名义** 的银行账户存款；第三方存款将被退回。

| 方式 | 货币 | 一般到账时间 |
|---|---|---|
| 转数快（FPS） | 港币 | 数分钟内 |
| eDDA 直接扣账 | 港币、美元 | 1 小时内 |
| 银行转账 | 港币、美元、离岸人民币 | 16:00 前收到即当日 |
| 支票 | 港币 | 2 个工作日 |

## 以转数快存款

1. 在应用程序打开 **资金 › 存款**，选择 **转数快**。
2. 复制我们的转数快识别码，并于您的网上银行付款。
3. 银行确认后，资金即会存入您的账户。

详情请参阅[金管局的转数快介绍](https://www.hkma.gov.hk/gb_chi/key-functions/international-financial-centre/financial-market-infrastructure/faster-payment-system-fps/)。

![转数快存款]({IMAGES}/fps-deposit.png)
"""),
    }),
    DemoTopic("deposits_withdrawals", True, {
        "en": ("How to withdraw funds", """\
# How to withdraw funds

1. Open **Funds › Withdraw**.
2. Choose the currency and enter an amount up to your **withdrawable balance**.
3. Confirm with your one-time code.

## When the money arrives

- Requests made before **12:00** on a business day are paid the same day.
- Later requests are paid the next business day.
- We pay only to a bank account in your own name that you registered with us.

Unsettled sale proceeds are not withdrawable yet: Hong Kong trades settle two business days after the trade (T+2), US trades one (T+1).
"""),
        "zh-Hant": ("如何提取資金", """\
# 如何提取資金

1. 開啟 **資金 › 提款**。
2. 選擇貨幣，輸入不多於 **可提取結餘** 的金額。
3. 以一次性驗證碼確認。

## 到賬時間

- 於工作天 **12:00** 前提交的申請，當日付款。
- 其後提交的申請，下一個工作天付款。
- 我們只會付款至您已登記、以您本人名義開立的銀行賬戶。

未交收的賣出款項暫不可提取：港股於成交後兩個工作天交收（T+2），美股為一個工作天（T+1）。
"""),
        "zh-Hans": ("如何提取资金", """\
# 如何提取资金

1. 打开 **资金 › 提款**。
2. 选择货币，输入不多于 **可提取余额** 的金额。
3. 以一次性验证码确认。

## 到账时间

- 于工作日 **12:00** 前提交的申请，当日付款。
- 其后提交的申请，下一个工作日付款。
- 我们只会付款至您已登记、以您本人名义开立的银行账户。

未交收的卖出款项暂不可提取：港股于成交后两个工作日交收（T+2），美股为一个工作日（T+1）。
"""),
    }),
    DemoTopic("deposits_withdrawals", True, {
        "en": ("Exchanging currencies", """\
# Exchanging currencies

Your account holds HKD, USD and CNH side by side. To buy US shares with Hong Kong dollars, exchange first:

1. Open **Funds › Currency exchange**.
2. Choose the currencies and the amount; the rate is shown before you confirm.
3. The exchanged amount is available at once.

Rates follow the market during Hong Kong business hours (09:00–17:00) and are fixed outside them.
"""),
        "zh-Hant": ("貨幣兌換", """\
# 貨幣兌換

您的賬戶可同時持有港幣、美元及離岸人民幣。如要以港幣買入美股，請先兌換：

1. 開啟 **資金 › 貨幣兌換**。
2. 選擇貨幣及金額；確認前會顯示匯率。
3. 兌換後的金額即時可用。

匯率於香港辦公時間（09:00–17:00）內跟隨市場，其餘時間固定。
"""),
        "zh-Hans": ("货币兑换", """\
# 货币兑换

您的账户可同时持有港币、美元及离岸人民币。如要以港币买入美股，请先兑换：

1. 打开 **资金 › 货币兑换**。
2. 选择货币及金额；确认前会显示汇率。
3. 兑换后的金额即时可用。

汇率于香港办公时间（09:00–17:00）内跟随市场，其余时间固定。
"""),
    }),
    DemoTopic("trading_rules", True, {
        "en": ("Order types", """\
# Order types

| Order type | Market | What it does |
|---|---|---|
| Limit | HK, US | Executes at your price or better |
| Enhanced limit | HK | Matches up to 10 price queues at once at your price or better |
| At-auction limit | HK | Joins the opening or closing auction at your price or better |
| Market | US | Executes at once at the best available price |
| Stop limit | HK, US | Becomes a limit order when the trigger price is reached |

## Good to know

- Hong Kong orders must follow the **board lot** of each stock.
- Unfilled day orders are cancelled at the close.
- Read the [HKEX trading mechanism](https://www.hkex.com.hk/Services/Trading/Securities/Overview/Trading-Mechanism) for the full rules.
"""),
        "zh-Hant": ("訂單類型", """\
# 訂單類型

| 訂單類型 | 市場 | 說明 |
|---|---|---|
| 限價盤 | 港股、美股 | 以您的價格或更佳價格成交 |
| 增強限價盤 | 港股 | 以您的價格或更佳價格，同時配對最多 10 個價位 |
| 競價限價盤 | 港股 | 以您的價格或更佳價格參與開市或收市競價 |
| 市價盤 | 美股 | 以當時最佳價格即時成交 |
| 止蝕限價盤 | 港股、美股 | 到達觸發價後轉為限價盤 |

## 注意

- 港股訂單須按每隻股票的 **每手股數** 買賣。
- 未成交的即日訂單於收市後取消。
- 完整規則請參閱[港交所交易機制](https://www.hkex.com.hk/Services/Trading/Securities/Overview/Trading-Mechanism?sc_lang=zh-HK)。
"""),
        "zh-Hans": ("订单类型", """\
# 订单类型

| 订单类型 | 市场 | 说明 |
|---|---|---|
| 限价盘 | 港股、美股 | 以您的价格或更佳价格成交 |
| 增强限价盘 | 港股 | 以您的价格或更佳价格，同时配对最多 10 个价位 |
| 竞价限价盘 | 港股 | 以您的价格或更佳价格参与开市或收市竞价 |
| 市价盘 | 美股 | 以当时最佳价格即时成交 |
| 止损限价盘 | 港股、美股 | 到达触发价后转为限价盘 |

## 注意

- 港股订单须按每只股票的 **每手股数** 买卖。
- 未成交的当日订单于收市后取消。
- 完整规则请参阅[港交所交易机制](https://www.hkex.com.hk/Services/Trading/Securities/Overview/Trading-Mechanism?sc_lang=zh-CN)。
"""),
    }),
    DemoTopic("trading_rules", True, scenes="app,wtt", texts={
        "en": ("Trading hours in Hong Kong and the US", """\
# Trading hours in Hong Kong and the US

| Session | Hong Kong (HKT) | United States (ET) |
|---|---|---|
| Pre-opening / pre-market | 09:00–09:30 | 04:00–09:30 |
| Morning / regular | 09:30–12:00 | 09:30–16:00 |
| Afternoon | 13:00–16:00 | — |
| Closing auction / after-hours | 16:00–16:10 | 16:00–20:00 |

- On the eves of Christmas, New Year and Lunar New Year Hong Kong trades only in the morning.
- US hours move with daylight saving time: 21:30–04:00 HKT in summer, 22:30–05:00 HKT in winter.
"""),
        "zh-Hant": ("港股及美股交易時間", """\
# 港股及美股交易時間

| 時段 | 香港（香港時間） | 美國（美東時間） |
|---|---|---|
| 開市前時段／盤前 | 09:00–09:30 | 04:00–09:30 |
| 早市／正常交易 | 09:30–12:00 | 09:30–16:00 |
| 午市 | 13:00–16:00 | — |
| 收市競價／盤後 | 16:00–16:10 | 16:00–20:00 |

- 聖誕節、新年及農曆新年前夕，港股只有半日市。
- 美股時間隨夏令時間調整：夏季為香港時間 21:30–04:00，冬季為 22:30–05:00。
"""),
        "zh-Hans": ("港股及美股交易时间", """\
# 港股及美股交易时间

| 时段 | 香港（香港时间） | 美国（美东时间） |
|---|---|---|
| 开市前时段／盘前 | 09:00–09:30 | 04:00–09:30 |
| 早市／正常交易 | 09:30–12:00 | 09:30–16:00 |
| 午市 | 13:00–16:00 | — |
| 收市竞价／盘后 | 16:00–16:10 | 16:00–20:00 |

- 圣诞节、新年及农历新年前夕，港股只有半日市。
- 美股时间随夏令时调整：夏季为香港时间 21:30–04:00，冬季为 22:30–05:00。
"""),
    }),
    DemoTopic("trading_fees", True, external_link="https://www.opsdesk.example/pricing", texts={
        "en": ("Trading fees", """\
# Trading fees

## Hong Kong stocks

| Fee | Rate | Charged by |
|---|---|---|
| Commission | 0.03% of the amount, at least HKD 3 | OpsDesk |
| Stamp duty | 0.1% of the amount, rounded up to the dollar | HKSAR Government |
| Trading fee | 0.00565% | HKEX |
| Transaction levy | 0.0027% | SFC |
| AFRC levy | 0.00015% | AFRC |
| Settlement fee | 0.0042%, HKD 2 to HKD 100 | HKSCC |

## US stocks

- Commission: USD 0.0049 a share, at least USD 0.99 an order
- SEC fee and FINRA trading activity fee on sells only

Rates of the exchanges and regulators are listed on the [HKEX website](https://www.hkex.com.hk/Services/Rules-and-Forms-and-Fees/Fees/Securities-(Hong-Kong)/Trading/Transaction).
"""),
        "zh-Hant": ("交易收費", """\
# 交易收費

## 港股

| 收費 | 費率 | 收取方 |
|---|---|---|
| 佣金 | 成交金額 0.03%，最低港幣 3 元 | OpsDesk |
| 印花稅 | 成交金額 0.1%，不足一元作一元計 | 香港特區政府 |
| 交易費 | 0.00565% | 港交所 |
| 交易徵費 | 0.0027% | 證監會 |
| 會財局徵費 | 0.00015% | 會財局 |
| 交收費 | 0.0042%，港幣 2 元至 100 元 | 香港結算 |

## 美股

- 佣金：每股 0.0049 美元，每張訂單最低 0.99 美元
- 美國證交會費用及 FINRA 交易活動費只於賣出時收取

交易所及監管機構的收費詳見[港交所網站](https://www.hkex.com.hk/Services/Rules-and-Forms-and-Fees/Fees/Securities-(Hong-Kong)/Trading/Transaction?sc_lang=zh-HK)。
"""),
        "zh-Hans": ("交易收费", """\
# 交易收费

## 港股

| 收费 | 费率 | 收取方 |
|---|---|---|
| 佣金 | 成交金额 0.03%，最低港币 3 元 | OpsDesk |
| 印花税 | 成交金额 0.1%，不足一元作一元计 | 香港特区政府 |
| 交易费 | 0.00565% | 港交所 |
| 交易征费 | 0.0027% | 证监会 |
| 会财局征费 | 0.00015% | 会财局 |
| 交收费 | 0.0042%，港币 2 元至 100 元 | 香港结算 |

## 美股

- 佣金：每股 0.0049 美元，每张订单最低 0.99 美元
- 美国证交会费用及 FINRA 交易活动费只于卖出时收取

交易所及监管机构的收费详见[港交所网站](https://www.hkex.com.hk/Services/Rules-and-Forms-and-Fees/Fees/Securities-(Hong-Kong)/Trading/Transaction?sc_lang=zh-CN)。
"""),
    }),
    DemoTopic("margin", True, {
        "en": ("What is a margin call?", """\
# What is a margin call?

When the equity of your margin account falls below the **maintenance margin**, we issue a margin call by SMS, email and push notification.

## What you need to do

Before **16:00 HKT** on the day of the call, either:

- deposit funds, or
- sell or close positions to reduce what you borrow.

## If the call is not met

If your equity falls below the **forced liquidation** level, we may sell your positions **without further notice** to repay the loan. You remain liable for any shortfall.

> Prices can fall faster than you can react. Keep a buffer above the maintenance margin.
"""),
        "zh-Hant": ("甚麼是追繳保證金？", """\
# 甚麼是追繳保證金？

當您保證金賬戶的權益跌至 **維持保證金** 以下，我們會以短訊、電郵及推送通知向您發出追繳保證金通知。

## 您需要做甚麼

請於通知當日 **香港時間 16:00** 前：

- 存入資金；或
- 賣出或平倉，以減少借款。

## 未能補足保證金

如您的權益跌至 **強制平倉** 水平以下，我們可 **不另行通知** 出售您的持倉以償還貸款。如有不足之數，您仍須負責。

> 價格下跌可能快於您的反應，請在維持保證金以上保留緩衝。
"""),
        "zh-Hans": ("什么是追缴保证金？", """\
# 什么是追缴保证金？

当您保证金账户的权益跌至 **维持保证金** 以下，我们会以短信、电邮及推送通知向您发出追缴保证金通知。

## 您需要做什么

请于通知当日 **香港时间 16:00** 前：

- 存入资金；或
- 卖出或平仓，以减少借款。

## 未能补足保证金

如您的权益跌至 **强制平仓** 水平以下，我们可 **不另行通知** 出售您的持仓以偿还贷款。如有不足之数，您仍须负责。

> 价格下跌可能快于您的反应，请在维持保证金以上保留缓冲。
"""),
    }),
    DemoTopic("margin", True, {
        "en": ("Auto-convert for negative balances", """\
# Auto-convert for negative balances

A negative balance in one currency means you have borrowed it, and interest accrues daily.

With **auto-convert** switched on, we convert from your other currencies each evening to repay the borrowed one.

## Switch it on

1. Open **Account › Auto-convert**.
2. Choose the currencies it may use.
3. Confirm with your one-time code.

You can switch it off at any time; conversions already made are not reversed.
"""),
        "zh-Hant": ("自動還款（貨幣自動兌換）", """\
# 自動還款（貨幣自動兌換）

某一貨幣出現負結餘，即代表您借入了該貨幣，並須按日計息。

開通 **自動還款** 後，我們會於每晚以您其他貨幣的結餘兌換，以償還借入的貨幣。

## 開通方法

1. 開啟 **賬戶 › 自動還款**。
2. 選擇可用作兌換的貨幣。
3. 以一次性驗證碼確認。

您可隨時關閉；已完成的兌換不會撤回。
"""),
        "zh-Hans": ("自动还款（货币自动兑换）", """\
# 自动还款（货币自动兑换）

某一货币出现负余额，即代表您借入了该货币，并须按日计息。

开通 **自动还款** 后，我们会于每晚以您其他货币的余额兑换，以偿还借入的货币。

## 开通方法

1. 打开 **账户 › 自动还款**。
2. 选择可用作兑换的货币。
3. 以一次性验证码确认。

您可随时关闭；已完成的兑换不会撤回。
"""),
    }),
    DemoTopic("margin", False, {
        "en": ("Margin ratios explained", """\
# Margin ratios explained

*Draft for review.*

| Ratio | Meaning |
|---|---|
| Initial margin (IM) | The share of market value you fund when you buy |
| Maintenance margin (MM) | Below this, a margin call is issued |
| Forced liquidation (FM) | Below this, positions may be sold |

The lendable share of a stock is 1 − IM: with an IM of 40%, we lend up to 60% of its value.
"""),
        "zh-Hant": ("保證金比率說明", """\
# 保證金比率說明

*待審閱草稿。*

| 比率 | 意思 |
|---|---|
| 初始保證金（IM） | 買入時須由您支付的市值比例 |
| 維持保證金（MM） | 低於此水平即發出追繳保證金通知 |
| 強制平倉（FM） | 低於此水平可被強制平倉 |

股票的可按比率為 1 − IM：初始保證金為 40% 時，我們最多借出市值的 60%。
"""),
        "zh-Hans": ("保证金比率说明", """\
# 保证金比率说明

*待审阅草稿。*

| 比率 | 意思 |
|---|---|
| 初始保证金（IM） | 买入时须由您支付的市值比例 |
| 维持保证金（MM） | 低于此水平即发出追缴保证金通知 |
| 强制平仓（FM） | 低于此水平可被强制平仓 |

股票的可按比率为 1 − IM：初始保证金为 40% 时，我们最多借出市值的 60%。
"""),
    }),
    DemoTopic("ipo", True, {
        "en": ("How to subscribe to a Hong Kong IPO", f"""\
# How to subscribe to a Hong Kong IPO

1. Open **Markets › IPO** and choose the offer.
2. Pick the number of shares; the app shows the amount including brokerage, levies and trading fee.
3. Choose **cash** or **margin** subscription and confirm before the cut-off time.

## Fees

- Handling fee: HKD 50 for cash, HKD 100 for margin subscriptions
- Margin subscriptions pay interest from the day the loan is drawn until the refund day

The amount is frozen when you subscribe and refunded for unallotted shares.

![IPO subscription]({IMAGES}/ipo-subscribe.png)
"""),
        "zh-Hant": ("如何認購港股新股", f"""\
# 如何認購港股新股

1. 開啟 **市場 › 新股**，選擇招股項目。
2. 選擇股數；應用程式會顯示連同經紀佣金、徵費及交易費的金額。
3. 選擇 **現金** 或 **融資** 認購，並於截止時間前確認。

## 收費

- 手續費：現金認購港幣 50 元，融資認購港幣 100 元
- 融資認購須由提取貸款當日起計息至退款日

認購時相關款項會被凍結，未獲分配股份的款項將會退回。

![新股認購]({IMAGES}/ipo-subscribe.png)
"""),
        "zh-Hans": ("如何认购港股新股", f"""\
# 如何认购港股新股

1. 打开 **市场 › 新股**，选择招股项目。
2. 选择股数；应用程序会显示连同经纪佣金、征费及交易费的金额。
3. 选择 **现金** 或 **融资** 认购，并于截止时间前确认。

## 收费

- 手续费：现金认购港币 50 元，融资认购港币 100 元
- 融资认购须由提取贷款当日起计息至退款日

认购时相关款项会被冻结，未获分配股份的款项将会退回。

![新股认购]({IMAGES}/ipo-subscribe.png)
"""),
    }),
    DemoTopic("ipo", True, {
        "en": ("IPO allotment results and refunds", """\
# IPO allotment results and refunds

- Results are published on the allotment day, usually the business day before listing; we notify you in the app.
- Allotted shares appear in your account on the listing day.
- Money for unallotted shares is refunded to your account on the refund day.

## Grey market

Some offers trade in the grey market the evening before listing. Grey-market prices may differ widely from the listing price.
"""),
        "zh-Hant": ("新股配發結果及退款", """\
# 新股配發結果及退款

- 配發結果於配發日公佈，一般為上市前一個工作天；我們會於應用程式通知您。
- 獲配發的股份於上市日存入您的賬戶。
- 未獲配發股份的款項於退款日退回您的賬戶。

## 暗盤

部分新股於上市前一晚設暗盤交易。暗盤價格可能與上市價格相差甚大。
"""),
        "zh-Hans": ("新股配发结果及退款", """\
# 新股配发结果及退款

- 配发结果于配发日公布，一般为上市前一个工作日；我们会于应用程序通知您。
- 获配发的股份于上市日存入您的账户。
- 未获配发股份的款项于退款日退回您的账户。

## 暗盘

部分新股于上市前一晚设暗盘交易。暗盘价格可能与上市价格相差甚大。
"""),
    }),
    DemoTopic("security", True, {
        "en": ("Protect your account with two-factor authentication", """\
# Protect your account with two-factor authentication

Every sign-in on a new device and every withdrawal needs a **one-time code** sent to your registered phone.

## Keep your account safe

- Never share your password or one-time codes, not even with our staff.
- Use a password you use nowhere else.
- Turn on biometric sign-in on your own phone only.
- Sign out of shared computers.

If you think someone else has signed in, change your password at once and call our hotline.
"""),
        "zh-Hant": ("以雙重認證保護您的賬戶", """\
# 以雙重認證保護您的賬戶

在新裝置登入及每次提款，均須輸入發送至您登記手機的 **一次性驗證碼**。

## 保護賬戶安全

- 切勿向任何人（包括我們的職員）透露密碼或一次性驗證碼。
- 使用不會在其他地方重用的密碼。
- 只在您本人的手機啟用生物認證登入。
- 於公用電腦使用後請登出。

如懷疑有人登入您的賬戶，請立即更改密碼並致電客戶服務熱線。
"""),
        "zh-Hans": ("以双重认证保护您的账户", """\
# 以双重认证保护您的账户

在新设备登录及每次提款，均须输入发送至您登记手机的 **一次性验证码**。

## 保护账户安全

- 切勿向任何人（包括我们的职员）透露密码或一次性验证码。
- 使用不会在其他地方重用的密码。
- 只在您本人的手机启用生物认证登录。
- 于公用电脑使用后请登出。

如怀疑有人登录您的账户，请立即更改密码并致电客户服务热线。
"""),
    }),
    DemoTopic("security", True, {
        "en": ("How to recognise phishing messages", """\
# How to recognise phishing messages

Fraudsters pretend to be banks and brokers to steal passwords and codes.

## Warning signs

- A link asking you to "verify" your account or unlock it urgently
- A sender address or phone number that is not ours
- A request for your password or one-time code: **we never ask for them**

## What to do

1. Do not click the link or reply.
2. Open the app yourself to check your account.
3. Report the message to the [Anti-Deception Coordination Centre](https://www.adcc.gov.hk/) (hotline 18222).
"""),
        "zh-Hant": ("如何識別釣魚訊息", """\
# 如何識別釣魚訊息

騙徒會冒充銀行及證券行，騙取密碼及驗證碼。

## 警號

- 要求您緊急「驗證」或解鎖賬戶的連結
- 並非我們的寄件地址或電話號碼
- 索取密碼或一次性驗證碼：**我們從不索取**

## 應對方法

1. 不要點擊連結或回覆。
2. 自行開啟應用程式查看賬戶。
3. 向[反詐騙協調中心](https://www.adcc.gov.hk/zh-hk/home.html)舉報（熱線 18222）。
"""),
        "zh-Hans": ("如何识别钓鱼信息", """\
# 如何识别钓鱼信息

骗徒会冒充银行及证券行，骗取密码及验证码。

## 警示信号

- 要求您紧急「验证」或解锁账户的链接
- 并非我们的发件地址或电话号码
- 索取密码或一次性验证码：**我们从不索取**

## 应对方法

1. 不要点击链接或回复。
2. 自行打开应用程序查看账户。
3. 向[反诈骗协调中心](https://www.adcc.gov.hk/zh-hk/home.html)举报（热线 18222）。
"""),
    }),
)

LANGUAGES = ("zh-Hant", "zh-Hans", "en")


def seed(session: Session) -> int:
    """Inserts the demo articles with their first revisions; returns how many."""
    categories = dict(session.execute(select(HelpCategory.code, HelpCategory.id)).all())
    for place, (code, parent, name, name_zh) in enumerate(SUBCATEGORIES, start=1):
        sub = HelpCategory(code=code, name=name, name_zh=name_zh, parent_id=categories[parent], sort_order=place)
        session.add(sub)
        session.flush()
        categories[code] = sub.id
    editor = session.scalar(select(User.id).where(User.username == "editor"))
    now = utcnow()
    places: dict[tuple[int, str], int] = {}
    added = []
    for topic in TOPICS:
        category_id = categories[topic.category]
        for language in LANGUAGES:
            title, body = topic.texts[language]
            place = places[(category_id, language)] = places.get((category_id, language), 0) + 1
            article = HelpArticle(category_id=category_id, language=language, title=title, body=body.strip(),
                                  visible=topic.visible, sort_order=place, external_link=topic.external_link,
                                  publish_scenes=topic.scenes, version=1, created_at=now,
                                  created_by=editor, updated_at=now, updated_by=editor)
            session.add(article)
            added.append(article)
    session.flush()
    for article in added:
        help_center.add_revision(session, article, editor, None)
    return len(added)
