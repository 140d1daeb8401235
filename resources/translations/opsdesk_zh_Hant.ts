<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_Hant">
<context>
    <name>AutoConvertPage</name>
    <message>
        <location filename="../../ui/margin_call/auto_convert_page.py" line="+24"/>
        <location line="+20"/>
        <source>Account No.</source>
        <translation>賬戶號碼</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+20"/>
        <source>Customer Name</source>
        <translation>客戶名稱</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+23"/>
        <source>Enrolled</source>
        <translation>已開通</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Disabled</source>
        <translation>已關閉</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Currency</source>
        <translation>貨幣</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>From</source>
        <translation>由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Account Type</source>
        <translation>賬戶類型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Base Currency</source>
        <translation>基礎貨幣</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+17"/>
        <source>First Enabled At</source>
        <translation>首次開通時間</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+17"/>
        <source>Last Enabled At</source>
        <translation>最近開通時間</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+17"/>
        <source>Disabled At</source>
        <translation>關閉時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currencies Covered</source>
        <translation>適用貨幣</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+20"/>
        <source>Last Conversion At</source>
        <translation>最近換匯時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last Conversion Amount</source>
        <translation>最近換匯金額</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Borrowed Balances</source>
        <translation>借幣餘額</translation>
    </message>
</context>
<context>
    <name>BorrowingPage</name>
    <message>
        <location filename="../../ui/margin_call/borrowing_page.py" line="+25"/>
        <location line="+13"/>
        <source>Account No.</source>
        <translation>賬戶號碼</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+13"/>
        <source>Customer Name</source>
        <translation>客戶名稱</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+16"/>
        <source>Currency</source>
        <translation>貨幣</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Min. Days Outstanding</source>
        <translation>最少欠款日數</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+21"/>
        <source>Auto-Convert</source>
        <translation>自動還款</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Enrolled</source>
        <translation>已開通</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not enrolled</source>
        <translation>未開通</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interest As Of</source>
        <translation>利息計至</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Account Type</source>
        <translation>賬戶類型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Borrowed Amount</source>
        <translation>借幣金額</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Borrowed Since</source>
        <translation>借幣起始日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days Outstanding</source>
        <translation>欠款日數</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Annual Rate</source>
        <translation>年利率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accrued Interest</source>
        <translation>應計利息</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../ui/common/filter_bar.py" line="+159"/>
        <location line="+4"/>
        <location filename="../../ui/common/optional_date_edit.py" line="+29"/>
        <source>Any</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>查詢</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search (Enter)</source>
        <translation>查詢（Enter）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset the filters (Esc)</source>
        <translation>重置篩選條件（Esc）</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>“{start}” must not be after “{end}”.</source>
        <translation>「{start}」不可遲於「{end}」。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Check “{field}”: {reason}</source>
        <translation>請檢查「{field}」：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/common/optional_date_edit.py" line="+1"/>
        <source>Delete: any date</source>
        <translation>Delete：不限日期</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <location filename="../../ui/common/formatting.py" line="+52"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/login_dialog.py" line="+132"/>
        <source>Sign in to OpsDesk</source>
        <translation>登入 OpsDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OpsDesk back office</source>
        <translation>OpsDesk 後台管理系統</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server:</source>
        <translation>伺服器：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Username:</source>
        <translation>用戶名稱(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>密碼(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demo users (local server only). Click one to fill in the fields:</source>
        <translation>示範用戶（只限本機伺服器）。點選即可填入：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Username</source>
        <translation>用戶名稱</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Please enter your username.</source>
        <translation>請輸入用戶名稱。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Please enter your password.</source>
        <translation>請輸入密碼。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Signing in…</source>
        <translation>登入中…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sign in</source>
        <translation>登入</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="+183"/>
        <source>OpsDesk</source>
        <translation>OpsDesk</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Connecting…</source>
        <translation>連線中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>● Connected</source>
        <translation>● 已連線</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>● Server degraded</source>
        <translation>● 伺服器異常</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>● Disconnected</source>
        <translation>● 連線中斷</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server is checked every 10 seconds.</source>
        <translation>每 10 秒檢查一次伺服器連線。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>OpsDesk back office — %1</source>
        <translation>OpsDesk 後台管理系統 — %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign &amp;out</source>
        <translation>登出(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to &amp;menu</source>
        <translation>前往選單(&amp;M)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No pages are available for your account yet. Ask an administrator for access.</source>
        <translation>您的帳戶暫時沒有可用的頁面，請聯絡系統管理員開通權限。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server: %1</source>
        <translation>伺服器：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed in: %1 (%2)</source>
        <translation>已登入：%1（%2）</translation>
    </message>
</context>
<context>
    <name>MarginCall</name>
    <message>
        <location filename="../../ui/margin_call/labels.py" line="+13"/>
        <source>Cash</source>
        <translation>現金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Margin</source>
        <translation>保證金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web</source>
        <translation>網頁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ops</source>
        <translation>營運</translation>
    </message>
</context>
<context>
    <name>QueryPage</name>
    <message>
        <location filename="../../ui/common/query_page.py" line="+61"/>
        <source>Exporting…</source>
        <translation>匯出中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exporting… {size}</source>
        <translation>匯出中… {size}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export failed.</source>
        <translation>匯出失敗。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported {size} to {path}</source>
        <translation>已匯出 {size} 至 {path}</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Export</source>
        <translation>匯出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the filtered rows to Excel (Ctrl+E)</source>
        <translation>將篩選結果匯出至 Excel（Ctrl+E）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Loading failed; press F5 to try again.</source>
        <translation>載入失敗，請按 F5 重試。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading…</source>
        <translation>載入中…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loaded {loaded} of {total}</source>
        <translation>已載入 {loaded} / 共 {total}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Export to Excel</source>
        <translation>匯出至 Excel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 活頁簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/common/table_view.py" line="+48"/>
        <source>Copy as TSV</source>
        <translation>複製為 TSV</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="+53"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>語言(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../desktop/app.py" line="+106"/>
        <source>Starting the local server…</source>
        <translation>正在啟動本機伺服器…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+13"/>
        <source>OpsDesk</source>
        <translation>OpsDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The local server could not be started.</source>
        <translation>無法啟動本機伺服器。</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../desktop/error_messages.py" line="+14"/>
        <source>Some values are not valid. Please check the highlighted fields.</source>
        <translation>部分資料無效，請檢查標示的欄位。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You are not signed in. Please sign in again.</source>
        <translation>您尚未登入，請重新登入。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your session has expired. Please sign in again.</source>
        <translation>登入已逾時，請重新登入。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your session has ended. Please sign in again.</source>
        <translation>登入已結束，請重新登入。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The username or password is incorrect.</source>
        <translation>用戶名稱或密碼不正確。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This account is disabled. Please contact your administrator.</source>
        <translation>此帳戶已停用，請聯絡系統管理員。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You do not have permission to do this.</source>
        <translation>您沒有執行此操作的權限。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The requested item was not found. It may have been removed.</source>
        <translation>找不到所要求的項目，可能已被刪除。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server does not support this action.</source>
        <translation>伺服器不支援此操作。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The list changed while it was being read. Please refresh.</source>
        <translation>讀取期間列表已有變更，請重新整理。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Someone else changed this item first. Please refresh and try again.</source>
        <translation>此項目已被其他用戶修改，請重新整理後再試。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s database is unavailable. Please try again later.</source>
        <translation>伺服器資料庫暫時無法使用，請稍後再試。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server hit an unexpected error. Please try again later.</source>
        <translation>伺服器發生未預期錯誤，請稍後再試。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You submitted this work order; another person must approve or reject it.</source>
        <translation>此工單由您發起，須由其他人審批或駁回。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You already decided an earlier level of this work order; another approver must decide this level.</source>
        <translation>您已審批此工單的上一級，本級須由另一位審批人處理。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This work order is no longer pending. Please refresh.</source>
        <translation>此工單已不在待審批狀態，請重新整理。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only a rejected or stale work order can be resubmitted.</source>
        <translation>只有已駁回或已失效的工單可以重新提交。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Please give a reason for the rejection.</source>
        <translation>請填寫駁回原因。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server does not know this approval flow.</source>
        <translation>伺服器不認識此審批流程。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The request was sent without its retry key; please try again.</source>
        <translation>請求缺少重試識別碼，請再試一次。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This submission clashes with an earlier, different one. Please submit it again.</source>
        <translation>此提交與先前另一項不同的提交衝突，請重新提交。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This item is already awaiting approval in another work order.</source>
        <translation>此項目已在另一張工單中等待審批。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The change breaks a rule; see the highlighted fields.</source>
        <translation>變更不符合規則，請查看標示的欄位。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the person who submitted a work order can withdraw it.</source>
        <translation>只有工單發起人可以撤回工單。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot reach the server. Check the network connection and the server address.</source>
        <translation>無法連接伺服器，請檢查網絡連線及伺服器地址。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server did not answer in time. Please try again.</source>
        <translation>伺服器回應逾時，請再試一次。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An unexpected error occurred.</source>
        <translation>發生未預期的錯誤。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server reported an error (%1).</source>
        <translation>伺服器回報錯誤（%1）。</translation>
    </message>
</context>
<context>
    <name>menu</name>
    <message>
        <location filename="../../services/contract/menu.py" line="+27"/>
        <source>Risk</source>
        <translation>風控管理</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Margin Call</source>
        <translation>借幣提醒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Borrowing Accounts</source>
        <translation>借幣客戶</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Auto-Convert Query</source>
        <translation>自動還款開通查詢</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Credit</source>
        <translation>融資保證金</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Long Stock Margin</source>
        <translation>多頭股票保證金</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Short-Sell Stock Margin</source>
        <translation>空頭股票保證金</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Intraday Margin</source>
        <translation>日內交易實時保證金</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Day-Trade Window</source>
        <translation>日內融時間設置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draft Batches</source>
        <translation>草稿批次</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Approvals</source>
        <translation>工單審批</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Inbox</source>
        <translation>待我審批</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>My Requests</source>
        <translation>我發起的</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>History</source>
        <translation>已處理</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Message Center</source>
        <translation>消息中心</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message Records</source>
        <translation>消息記錄</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Help Center</source>
        <translation>幫助中心</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Funds</source>
        <translation>基金管理</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Public Funds</source>
        <translation>公募基金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fund Clearing</source>
        <translation>基金清算</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <location filename="../../desktop/role_labels.py" line="+8"/>
        <source>Operations maker</source>
        <translation>營運經辦</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk checker</source>
        <translation>風控覆核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer service</source>
        <translation>客戶服務</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content editor</source>
        <translation>內容編輯</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content approver</source>
        <translation>內容審批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fund operations</source>
        <translation>基金營運</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Administrator</source>
        <translation>系統管理員</translation>
    </message>
</context>
</TS>
