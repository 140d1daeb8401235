<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_Hant">
<context>
    <name>ApprovalChains</name>
    <message>
        <location filename="../../ui/approval_chains/approvers_editor.py" line="+131"/>
        <source>No single active user matches “{name}”.</source>
        <translation>找不到唯一符合「{name}」的有效用戶。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People</source>
        <translation>人員</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a name or username…</source>
        <translation>輸入姓名或用戶名…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add</source>
        <translation>加入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove Person</source>
        <translation>移除人員</translation>
    </message>
    <message>
        <location filename="../../ui/approval_chains/chain_change_view.py" line="+38"/>
        <source>Level {n}</source>
        <translation>第 {n} 級</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CC</source>
        <translation>抄送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stricter chain {n}</source>
        <translation>加嚴審批流程 {n}</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../ui/approval_chains/chain_text.py" line="+100"/>
        <source>{condition}: {levels}</source>
        <translation>{condition}：{levels}</translation>
    </message>
    <message>
        <location line="+58"/>
        <location filename="../../ui/approval_chains/chains_page.py" line="+42"/>
        <source>Flow</source>
        <translation>流程</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>變更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove its own chain: the default applies</source>
        <translation>移除自設審批流程：改用默認審批流</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note</source>
        <translation>備註</translation>
    </message>
    <message>
        <location filename="../../ui/approval_chains/chain_dialog.py" line="+165"/>
        <source>Other parts to fix ({count}, marked ⚠): {first}</source>
        <translation>其他須修正的部分（{count} 項，標有 ⚠）：{first}</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Configure: {flow}</source>
        <translation>配置：{flow}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>version {n}</source>
        <translation>版本 {n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>never configured</source>
        <translation>從未配置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use the default chain (remove this flow&apos;s own)</source>
        <translation>使用默認審批流（移除此流程的自設審批流程）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the default chain (flows without a chain go to the super administrator)</source>
        <translation>移除默認審批流（沒有審批流程的流程交超級管理員審批）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note for the approving administrator</source>
        <translation>給審批管理員的備註</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why this change (optional)</source>
        <translation>變更原因（選填）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/approval_chains/chain_outline.py" line="+140"/>
        <location filename="../../ui/approval_chains/chain_text.py" line="-2"/>
        <source>CC: {approvers}</source>
        <translation>抄送：{approvers}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stricter chain {n}: {condition}</source>
        <translation>加嚴審批流程 {n}：{condition}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Level {n}: {approvers}</source>
        <translation>第 {n} 級：{approvers}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Add Level</source>
        <translation>新增一級</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add Stricter Chain</source>
        <translation>新增加嚴審批流程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ui/approval_chains/chain_text.py" line="-72"/>
        <source>any one</source>
        <translation>或簽</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>all</source>
        <translation>會簽</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any one approves (或簽)</source>
        <translation>或簽（任何一人審批即可）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All approve (會簽)</source>
        <translation>會簽（須全部人審批）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>More than N rows</source>
        <translation>多於 N 行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IM lowered by more than N points</source>
        <translation>IM 下調多於 N 個百分點</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>&gt;{value} rows</source>
        <translation>&gt;{value} 行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IM lowered &gt;{value} pts</source>
        <translation>IM 下調 &gt;{value} 個百分點</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../ui/approval_chains/versions_dialog.py" line="+67"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{approvers} ({mode})</source>
        <translation>{approvers}（{mode}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>L{n}: {level}</source>
        <translation>{n} 級：{level}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} level(s)</source>
        <translation>{count} 級</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../ui/approval_chains/chains_controller.py" line="+148"/>
        <source>Work order #{old} resubmitted as #{id}: a second administrator decides it.</source>
        <translation>工單 #{old} 已重新提交為 #{id}：由另一位管理員審批。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Submitted for approval as #{id}: a second administrator decides it.</source>
        <translation>已提交審批，工單 #{id}：由另一位管理員審批。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A change of this chain already awaits approval: wait for its decision, or withdraw it, then change it again.</source>
        <translation>此審批流程已有變更待審批：請等候審批結果或先撤回，再作更改。</translation>
    </message>
    <message>
        <location filename="../../ui/approval_chains/chains_page.py" line="+1"/>
        <location filename="../../ui/approval_chains/versions_dialog.py" line="-27"/>
        <source>Approvers</source>
        <translation>審批人</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/approval_chains/versions_dialog.py" line="-1"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders Go To</source>
        <translation>工單送交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending Change</source>
        <translation>待審批變更</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>#{id} awaiting approval</source>
        <translation>#{id} 待審批</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Change who approves this flow (Enter)</source>
        <translation>更改此流程的審批人（Enter）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You may view the chains but not change them.</source>
        <translation>您可查看審批流程，但不可更改。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Configure…</source>
        <translation>配置…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History…</source>
        <translation>歷史記錄…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who approves each flow, level by level. A flow without a chain of its own uses the default approval flow, or else the super administrator. A change is a work order that a second administrator decides; orders already submitted keep their approvers.</source>
        <translation>每個流程由誰審批、分幾級審批。沒有自設審批流程的流程使用默認審批流，否則交超級管理員審批。變更會成為工單，由另一位管理員審批；已提交的工單保留原有審批人。</translation>
    </message>
    <message>
        <location filename="../../ui/approval_chains/labels.py" line="+18"/>
        <source>Own chain</source>
        <translation>自設審批流程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default chain</source>
        <translation>默認審批流程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Super administrator</source>
        <translation>超級管理員</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Default approval flow</source>
        <translation>默認審批流</translation>
    </message>
    <message>
        <location filename="../../ui/approval_chains/part_pane.py" line="+136"/>
        <source>CC: who reads the order without deciding it</source>
        <translation>抄送人：可查閱工單，但不參與審批</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stricter chain {n}: when its levels apply</source>
        <translation>加嚴審批流程 {n}：何時適用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Level {n}: who decides it</source>
        <translation>第 {n} 級：由誰審批</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stricter chain {s}, level {n}: who decides it</source>
        <translation>加嚴審批流程 {s} 第 {n} 級：由誰審批</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Condition</source>
        <translation>條件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 1000</source>
        <translation>例如 1000</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the condition holds for an order, this chain&apos;s levels replace the normal ones. The first stricter chain that holds wins: order them strictest first.</source>
        <translation>工單符合條件時，以此流程的審批級別取代一般級別。以首個符合條件的加嚴審批流程為準：請把最嚴格的排在最前。</translation>
    </message>
    <message>
        <location filename="../../ui/approval_chains/versions_dialog.py" line="-7"/>
        <source>History: {flow}</source>
        <translation>歷史記錄：{flow}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading…</source>
        <translation>載入中…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Time (HKT)</source>
        <translation>時間（香港）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed By</source>
        <translation>變更經手</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{count} version(s); the newest is in force.</source>
        <translation>共 {count} 個版本；最新版本生效中。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Never configured.</source>
        <translation>從未配置。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{maker} by order #{id}, approved by {approvers}</source>
        <translation>{maker} 以工單 #{id} 提交，{approvers} 審批</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The system, at its start</source>
        <translation>系統初始設定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Removed: the default chain applies</source>
        <translation>已移除：改用默認審批流</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The history could not be read: {reason}</source>
        <translation>無法讀取歷史記錄：{reason}</translation>
    </message>
</context>
<context>
    <name>ApprovalRoute</name>
    <message>
        <location filename="../../ui/approvals/approval_route.py" line="+95"/>
        <source>CC: {people}</source>
        <translation>抄送：{people}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approval Route</source>
        <translation>審批路線</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>級別</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approvers</source>
        <translation>審批人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decided By</source>
        <translation>審批結果</translation>
    </message>
    <message>
        <location filename="../../ui/approvals/route_texts.py" line="+24"/>
        <source>Any one approves</source>
        <translation>或簽</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All approve</source>
        <translation>會簽</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{name} (disabled)</source>
        <translation>{name}（已停用）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Nobody</source>
        <translation>無</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{name} is disabled</source>
        <translation>{name} 已停用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} decided another level</source>
        <translation>{name} 已審批另一級</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Blocked: level {level} has no approver left who can decide it ({why}).</source>
        <translation>受阻：第 {level} 級已沒有可審批的審批人（{why}）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Blocked: level {level} has no approver left who can decide it.</source>
        <translation>受阻：第 {level} 級已沒有可審批的審批人。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The maker may withdraw it, or an administrator re-enable an approver.</source>
        <translation>發起人可撤回工單，或由管理員重新啟用審批人。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{reason} {advice}</source>
        <translation>{reason}{advice}</translation>
    </message>
</context>
<context>
    <name>Approvals</name>
    <message>
        <location filename="../../ui/approvals/bulk_approve.py" line="+60"/>
        <source>stale: the item changed after submission, so nothing was applied.</source>
        <translation>已失效：提交後項目已被修改，故未有套用任何變更。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{approved} approved.</source>
        <translation>已批准 {approved} 張。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{approved} approved, {failed} failed: {details}</source>
        <translation>已批准 {approved} 張，{failed} 張失敗：{details}</translation>
    </message>
    <message>
        <location filename="../../ui/common/diff_model.py" line="+33"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>刪除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unchanged</source>
        <translation>不變</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Before: {before}
After: {after}</source>
        <translation>修改前：{before}
修改後：{after}</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>(empty)</source>
        <translation>（空白）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Change</source>
        <translation>變更</translation>
    </message>
    <message>
        <location filename="../../ui/approvals/labels.py" line="+15"/>
        <source>Pending</source>
        <translation>待審批</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+20"/>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Applied</source>
        <translation>已生效</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+19"/>
        <source>Rejected</source>
        <translation>已駁回</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expired</source>
        <translation>已過期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stale</source>
        <translation>已失效</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Blocked</source>
        <translation>受阻</translation>
    </message>
    <message>
        <location filename="../../ui/common/change_texts.py" line="+25"/>
        <source>Market</source>
        <translation>市場</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time Zone</source>
        <translation>時區</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start</source>
        <translation>開始時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Force Close</source>
        <translation>強制平倉時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End</source>
        <translation>結束時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enabled</source>
        <translation>啟用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Symbol</source>
        <translation>股票代號</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IM</source>
        <translation>IM 初始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MCM</source>
        <translation>MCM 追繳</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MM</source>
        <translation>MM 維持</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FM</source>
        <translation>FM 強平</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Financeable</source>
        <translation>可融資</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effective From</source>
        <translation>生效時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remark</source>
        <translation>備註</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Borrow Fee Rate</source>
        <translation>借券費率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Available Quantity</source>
        <translation>可借股數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>啟用中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Header</source>
        <translation>標題行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows</source>
        <translation>各行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order Ref</source>
        <translation>委託編號</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>交易類別</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NAV</source>
        <translation>基金淨值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NAV Date</source>
        <translation>淨值日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirmed Units</source>
        <translation>確認份額</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirmed Amount</source>
        <translation>確認金額</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>說明</translation>
    </message>
    <message>
        <location filename="../../ui/approvals/returned_notice.py" line="+16"/>
        <source>Work order #%1 (%2) was approved.</source>
        <translation>工單 #%1（%2）已批准。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order #%1 (%2) was approved and applied.</source>
        <translation>工單 #%1（%2）已批准並已生效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order #%1 (%2) was rejected: %3</source>
        <translation>工單 #%1（%2）已被駁回：%3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order #%1 (%2) was approved but not applied: what it changes moved meanwhile. Resubmit it from My Requests.</source>
        <translation>工單 #%1（%2）已批准但未生效：其間相關設定已被更改。請在「我發起的」重新提交。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Work order #%1 (%2) expired before anyone decided it.</source>
        <translation>工單 #%1（%2）在審批前已過期。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(no reason given)</source>
        <translation>（未提供原因）</translation>
    </message>
</context>
<context>
    <name>ApprovalsPage</name>
    <message>
        <location filename="../../ui/approvals/history_page.py" line="+17"/>
        <source>Orders</source>
        <translation>工單範圍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decided by me</source>
        <translation>我處理的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All work orders</source>
        <translation>全部工單</translation>
    </message>
    <message>
        <location filename="../../ui/approvals/list_page.py" line="+55"/>
        <source>No.</source>
        <translation>編號</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+18"/>
        <source>Flow</source>
        <translation>流程</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Maker</source>
        <translation>發起人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted At</source>
        <translation>提交時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target</source>
        <translation>變更內容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>級別</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+14"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Maker User Name</source>
        <translation>發起人用戶名稱</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Submitted From</source>
        <translation>提交日期由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted To</source>
        <translation>提交日期至</translation>
    </message>
    <message>
        <location filename="../../ui/approvals/empty_texts.py" line="+18"/>
        <source>Nothing awaits your decision.</source>
        <translation>沒有待您審批的工單。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing awaiting your decision matches the filter ({filter}).</source>
        <translation>沒有符合篩選條件（{filter}）的待辦工單。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You have not submitted any work order.</source>
        <translation>您尚未發起任何工單。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None of your work orders matches the filter ({filter}).</source>
        <translation>您發起的工單中沒有符合篩選條件（{filter}）的。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You have not decided any work order.</source>
        <translation>您尚未審批任何工單。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None of the work orders you decided matches the filter ({filter}).</source>
        <translation>您已辦的工單中沒有符合篩選條件（{filter}）的。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No work order has been submitted.</source>
        <translation>尚未有任何工單。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No work order matches the filter ({filter}).</source>
        <translation>沒有符合篩選條件（{filter}）的工單。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No order was CC&apos;d to you.</source>
        <translation>沒有抄送給您的工單。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No order CC&apos;d to you matches the filter ({filter}).</source>
        <translation>抄送給您的工單中沒有符合篩選條件（{filter}）的。</translation>
    </message>
</context>
<context>
    <name>ArticleChange</name>
    <message>
        <location filename="../../ui/help_center/article_change_view.py" line="+38"/>
        <source>Preview of the article after this change</source>
        <translation>預覽：批准後的文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview of the new article (created hidden)</source>
        <translation>預覽：新文章（建立後為隱藏）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview of the new article (shown once approved)</source>
        <translation>新文章預覽（審批通過後即顯示）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview of the article this deletes</source>
        <translation>預覽：將被刪除的文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview of the article</source>
        <translation>預覽：文章</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>⋯ {count} unchanged line(s) ⋯</source>
        <translation>⋯ {count} 行未變更 ⋯</translation>
    </message>
    <message>
        <location line="+99"/>
        <location line="+56"/>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <location line="-54"/>
        <location line="+55"/>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Visibility</source>
        <translation>可見性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position</source>
        <translation>排序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publish Scenes</source>
        <translation>發佈場景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>External Link</source>
        <translation>外鏈</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{changed} changed · {deleted} removed · {inserted} added</source>
        <translation>修改 {changed} 行 · 刪除 {deleted} 行 · 新增 {inserted} 行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Live now</source>
        <translation>現時上線版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(no article yet)</source>
        <translation>（尚無此文章）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>After approval</source>
        <translation>批准後</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(deleted)</source>
        <translation>（已刪除）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+36"/>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Body (Markdown)</source>
        <translation>內文（Markdown）</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>New Position</source>
        <translation>新排序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position Change</source>
        <translation>排序變更</translation>
    </message>
</context>
<context>
    <name>ArticleDrawer</name>
    <message>
        <location filename="../../ui/help_center/article_drawer.py" line="+115"/>
        <source>Loading article #{id}…</source>
        <translation>正在載入文章 #{id}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+102"/>
        <source>Edit Article #{id}</source>
        <translation>編輯文章 #{id}</translation>
    </message>
    <message>
        <location filename="../../ui/help_center/article_editor_controller.py" line="+100"/>
        <source>This article awaits approval in work order #{id} ({flow}); edit it once that is decided.</source>
        <translation>此文章正在工單 #{id}（{flow}）中待審批；請待審批完成後再編輯。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Choose a category.</source>
        <translation>請選擇分類。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a language.</source>
        <translation>請選擇語言。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter a title.</source>
        <translation>請輸入標題。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>At most {max} characters; this is {count}.</source>
        <translation>最多 {max} 個字元；現有 {count} 個。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{count} / {max} characters of Markdown</source>
        <translation>Markdown {count} / {max} 個字元</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Customers open this page instead of the body.</source>
        <translation>客戶將打開此網頁，而非正文內容。</translation>
    </message>
    <message>
        <location filename="../../ui/help_center/article_drawer.py" line="-21"/>
        <source>Submitting…</source>
        <translation>提交中…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>New Article</source>
        <translation>新增文章</translation>
    </message>
    <message>
        <location filename="../../ui/help_center/article_form.py" line="+166"/>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Image</source>
        <translation>圖片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insert an image reference: ![description](https://…) (Ctrl+Shift+I)</source>
        <translation>插入圖片引用：![說明](https://…)（Ctrl+Shift+I）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Link</source>
        <translation>連結</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insert a link: [text](https://…) (Ctrl+K)</source>
        <translation>插入連結：[文字](https://…)（Ctrl+K）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview</source>
        <translation>預覽</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What customers see in the list</source>
        <translation>客戶在列表中看到的標題</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write in Markdown: # headings, - lists, | tables |, [links](https://…)</source>
        <translation>以 Markdown 撰寫：# 標題、- 列表、| 表格 |、[連結](https://…)</translation>
    </message>
    <message>
        <location filename="../../ui/help_center/article_drawer.py" line="+3"/>
        <source>Submit for approval</source>
        <translation>提交審批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creates a work order for another person to approve (Ctrl+Enter)</source>
        <translation>建立工單，由另一人審批（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/help_center/article_publishing.py" line="+72"/>
        <source>External Link</source>
        <translation>外鏈</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>https://… (optional): the article opens this page instead of its body</source>
        <translation>https://…（選填）：文章打開此網頁，而非正文內容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Publish Scenes</source>
        <translation>發佈場景</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show once approved</source>
        <translation>審批通過後顯示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Goes online with the approval of this one work order; otherwise it is created hidden</source>
        <translation>此工單審批通過即上線顯示；否則創建為隱藏</translation>
    </message>
    <message>
        <location filename="../../ui/help_center/article_reopen.py" line="+31"/>
        <source>Submit or cancel this article first, then resubmit work order #{id} from My Requests.</source>
        <translation>請先提交或取消此文章，再從「已發起」重新提交工單 #{id}。</translation>
    </message>
</context>
<context>
    <name>ArticlesPage</name>
    <message>
        <location filename="../../ui/help_center/article_model.py" line="+22"/>
        <source>Moved from position {before} to {after}</source>
        <translation>由第 {before} 位移至第 {after} 位</translation>
    </message>
    <message>
        <location filename="../../ui/help_center/articles_page.py" line="+52"/>
        <location line="+20"/>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+21"/>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+21"/>
        <source>Visibility</source>
        <translation>可見性</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Visible</source>
        <translation>可見</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hidden</source>
        <translation>隱藏</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Publish Scene</source>
        <translation>發佈場景</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+19"/>
        <source>External Link</source>
        <translation>外鏈</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>With link</source>
        <translation>有外鏈</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without link</source>
        <translation>無外鏈</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Publish Scenes</source>
        <translation>發佈場景</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sort Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pending Change</source>
        <translation>待審批變更</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Updated At</source>
        <translation>更新時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated By</source>
        <translation>更新人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No.</source>
        <translation>編號</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No article yet.</source>
        <translation>尚未有任何文章。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No article matches the filter ({filter}).</source>
        <translation>沒有符合篩選條件（{filter}）的文章。</translation>
    </message>
    <message>
        <location filename="../../ui/help_center/article_actions.py" line="+77"/>
        <source>“{title}” awaits approval: {change}. It can change again once that is decided.</source>
        <translation>「{title}」待審批：{change}。審批完成後方可再作變更。</translation>
    </message>
    <message>
        <location filename="../../ui/help_center/articles_controller.py" line="+137"/>
        <source>You may not change the order of articles.</source>
        <translation>您沒有權限變更文章排序。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To reorder, filter to one category without sub-categories and one language (with no other filter).</source>
        <translation>如需調整順序，請篩選一個沒有子分類的分類及一種語言（不設其他篩選）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading the whole list…</source>
        <translation>正在載入整個列表…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fewer than two articles: nothing to reorder.</source>
        <translation>少於兩篇文章，無需排序。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reorder once work order #{id} on “{title}” is decided.</source>
        <translation>請待「{title}」的工單 #{id} 審批完成後再排序。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Submitting…</source>
        <translation>提交中…</translation>
    </message>
    <message>
        <location filename="../../ui/help_center/article_actions_bar.py" line="+87"/>
        <source>New order not submitted yet.</source>
        <translation>新排序尚未提交。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drag rows, or press Ctrl+↑ / Ctrl+↓, to change the order.</source>
        <translation>拖放行或按 Ctrl+↑ / Ctrl+↓ 變更排序。</translation>
    </message>
    <message>
        <location filename="../../ui/help_center/article_actions.py" line="+16"/>
        <source>“{title}” awaits approval in work order #{id}.</source>
        <translation>「{title}」正在工單 #{id} 中待審批。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>“{title}” is shown to customers: hide it before deleting it.</source>
        <translation>「{title}」正向客戶顯示：請先隱藏，再刪除。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Copied as hidden article #{id}: “{title}”.</source>
        <translation>已複製為隱藏文章 #{id}：「{title}」。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Work order #{old} resubmitted as #{id}: {flow}, {levels} level(s) of approval.</source>
        <translation>工單 #{old} 已重新提交為 #{id}：{flow}，需 {levels} 級審批。</translation>
    </message>
    <message>
        <location filename="../../ui/help_center/articles_page.py" line="+134"/>
        <source>Delete Article</source>
        <translation>刪除文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit the deletion of “{title}” for approval?</source>
        <translation>提交刪除「{title}」的審批？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit Deletion</source>
        <translation>提交刪除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It stays online until the work order is approved.</source>
        <translation>工單批准前，文章仍會上線顯示。</translation>
    </message>
    <message>
        <location filename="../../ui/help_center/article_actions.py" line="+3"/>
        <source>Submitted as work order #{id}: {flow}, {levels} level(s) of approval.</source>
        <translation>已提交為工單 #{id}：{flow}，需 {levels} 級審批。</translation>
    </message>
    <message>
        <location filename="../../ui/help_center/order_dialog.py" line="+21"/>
        <source>New Order</source>
        <translation>新排序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit this order of {count} articles for approval?</source>
        <translation>提交這 {count} 篇文章的新排序審批？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Submit Order</source>
        <translation>提交排序</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep Arranging</source>
        <translation>繼續調整</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <location filename="../../ui/help_center/article_actions_bar.py" line="-71"/>
        <source>New…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit…</source>
        <translation>編輯…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Edit the current article in the side drawer (Enter)</source>
        <translation>在側邊欄編輯所選文章（Enter）</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Copy…</source>
        <translation>複製…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Copy the current article as a new hidden one, at once (Ctrl+D)</source>
        <translation>立即將所選文章複製為新的隱藏文章（Ctrl+D）</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Delete…</source>
        <translation>刪除…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide</source>
        <translation>隱藏</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Submit hiding the current article from customers</source>
        <translation>提交對客戶隱藏所選文章</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Show</source>
        <translation>顯示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write a new article; it goes online once approved if you choose so, else it is created hidden (Ctrl+N)</source>
        <translation>創建文章；如選擇審批通過後顯示，則審批後即上線，否則創建為隱藏（Ctrl+N）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Submit the deletion of the current article; only a hidden one can be deleted (Del)</source>
        <translation>提交刪除當前文章；只有隱藏的文章可刪除（Del）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Submit showing the current article to customers</source>
        <translation>提交向客戶顯示所選文章</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Submit Order…</source>
        <translation>提交排序…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit the order on screen for approval (Ctrl+S)</source>
        <translation>提交畫面上的排序審批（Ctrl+S）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset Order</source>
        <translation>還原排序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the live order</source>
        <translation>回復現時上線的排序</translation>
    </message>
    <message>
        <location filename="../../ui/help_center/article_reopen.py" line="+4"/>
        <source>Submit or undo the new order of the list first, then resubmit work order #{id} from My Requests.</source>
        <translation>請先提交或還原列表的新排序，再從「已發起」重新提交工單 #{id}。</translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <location filename="../../ui/audit/audit_log_page.py" line="+41"/>
        <location line="+12"/>
        <location filename="../../ui/audit/event_panel.py" line="+112"/>
        <source>Actor</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+13"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+14"/>
        <source>Entity</source>
        <translation>對象</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+15"/>
        <source>Entity ID</source>
        <translation>對象編號</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>From</source>
        <translation>由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/audit/event_panel.py" line="-1"/>
        <source>Time (HKT)</source>
        <translation>時間（香港）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Nothing has been recorded yet.</source>
        <translation>尚未記錄任何事件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No event matches the filter ({filter}).</source>
        <translation>沒有符合篩選條件（{filter}）的事件。</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Loaded {loaded} of more than {cap}</source>
        <translation>已載入 {loaded} / 共超過 {cap}</translation>
    </message>
    <message>
        <location filename="../../ui/audit/chain_check_bar.py" line="+90"/>
        <source>Show Event #{id}</source>
        <translation>顯示事件 #{id}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking every event of the trail…</source>
        <translation>正在檢查審計記錄的每個事件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The chain could not be checked: {reason}</source>
        <translation>無法檢查審計鏈：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checks that no event was changed, removed or added behind the trail&apos;s back.</source>
        <translation>檢查有否事件繞過審計記錄被修改、刪除或加入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Events after the last signed checkpoint rest on the hash chain alone until the next checkpoint signs them.</source>
        <translation>最後一個已簽署檢查點之後的事件，在下一個檢查點簽署前僅由雜湊鏈保證。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Chain broken at event #{id}</source>
        <translation>審計鏈於事件 #{id} 中斷</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chain broken</source>
        <translation>審計鏈已中斷</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;Chain intact&lt;/b&gt; at {time}: {events} events checked.</source>
        <translation>&lt;b&gt;審計鏈完整&lt;/b&gt;（{time}）：已檢查 {events} 個事件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed checkpoints matched: {count} (the last at event #{id}).</source>
        <translation>相符的已簽署檢查點：{count} 個（最後一個於事件 #{id}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not yet checkpointed: {count} events.</source>
        <translation>尚未有檢查點覆蓋：{count} 個事件。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Verify Chain</source>
        <translation>驗證審計鏈</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the whole audit trail&apos;s hash chain and its signed checkpoints ({shortcut})</source>
        <translation>檢查整條審計記錄的雜湊鏈及其已簽署檢查點（{shortcut}）</translation>
    </message>
    <message>
        <location filename="../../ui/audit/event_changes_model.py" line="+24"/>
        <source>Change</source>
        <translation>變更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field</source>
        <translation>欄位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before</source>
        <translation>變更前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After</source>
        <translation>變更後</translation>
    </message>
    <message>
        <location filename="../../ui/audit/event_panel.py" line="-90"/>
        <source>Select an event to see what it changed.</source>
        <translation>請選擇事件以查看其變更內容。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading event #{id}…</source>
        <translation>正在載入事件 #{id}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event #{id} could not be loaded: {reason}</source>
        <translation>無法載入事件 #{id}：{reason}</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Action Code</source>
        <translation>操作代碼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entity Type</source>
        <translation>對象類型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hash</source>
        <translation>雜湊值</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hash {hash}
Previous {previous}</source>
        <translation>雜湊值 {hash}
前一雜湊值 {previous}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This event breaks the chain: {problem}</source>
        <translation>此事件令審計鏈中斷：{problem}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Before and After</source>
        <translation>變更前後</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This event records no before or after.</source>
        <translation>此事件沒有記錄變更前後的內容。</translation>
    </message>
    <message>
        <location filename="../../ui/audit/labels.py" line="+37"/>
        <source>Values</source>
        <translation>數值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment</source>
        <translation>意見</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>級別</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decision</source>
        <translation>決定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Side</source>
        <translation>類別</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation>步驟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed Attempts</source>
        <translation>失敗次數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locked Until</source>
        <translation>鎖定至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Difference Limit</source>
        <translation>差值上限</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Event #{id} was changed after it was recorded: its content no longer matches its hash.</source>
        <translation>事件 #{id} 於記錄後曾被修改：其內容與雜湊值不再相符。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The chain breaks at event #{id}: events before it were removed or inserted.</source>
        <translation>審計鏈於事件 #{id} 中斷：其之前曾有事件被刪除或插入。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Event #{id} does not match its signed checkpoint: the events up to it were changed and the chain recomputed.</source>
        <translation>事件 #{id} 與其已簽署檢查點不符：此前的事件曾被修改，並重新計算了雜湊鏈。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Event #{id}, which a signed checkpoint names, is no longer in the trail.</source>
        <translation>已簽署檢查點所記錄的事件 #{id} 已不在審計記錄中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Events at the end of the trail are missing, up to event #{id}.</source>
        <translation>審計記錄末段的事件已遺失（直至事件 #{id}）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Event #{id} and any after it were added without being chained.</source>
        <translation>事件 #{id} 及其後的事件未經串連而被加入。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The chain&apos;s head record is missing.</source>
        <translation>審計鏈的鏈頭記錄已遺失。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A signed checkpoint is forged, out of order or unreadable (line {line} of the checkpoint file).</source>
        <translation>已簽署檢查點屬偽造、次序錯亂或無法讀取（檢查點檔案第 {line} 行）。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{kind} (all)</source>
        <translation>{kind}（全部）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>System</source>
        <translation>系統</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The chain is broken.</source>
        <translation>審計鏈已中斷。</translation>
    </message>
</context>
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
        <location line="+24"/>
        <source>Enrolled</source>
        <translation>已開通</translation>
    </message>
    <message>
        <location line="-23"/>
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
        <location line="+18"/>
        <source>First Enabled At</source>
        <translation>首次開通時間</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
        <source>Last Enabled At</source>
        <translation>最近開通時間</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
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
        <location line="-19"/>
        <location line="+21"/>
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
    <name>CategoriesPage</name>
    <message>
        <location filename="../../ui/help_center/categories_controller.py" line="+85"/>
        <source>Wait for the current request to finish.</source>
        <translation>請等待當前請求完成。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Created “{name}”.</source>
        <translation>已創建「{name}」。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Renamed to “{name}”.</source>
        <translation>已重新命名為「{name}」。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+19"/>
        <source>Moved “{name}”.</source>
        <translation>已移動「{name}」。</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>“{name}” is shown again.</source>
        <translation>「{name}」已重新顯示。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{name}” is hidden from customers.</source>
        <translation>「{name}」已對客戶隱藏。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Deleted “{name}”.</source>
        <translation>已刪除「{name}」。</translation>
    </message>
    <message>
        <location filename="../../ui/help_center/categories_page.py" line="+42"/>
        <source>Create Category…</source>
        <translation>創建分類…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create Sub-category…</source>
        <translation>創建子分類…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename…</source>
        <translation>重新命名…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move…</source>
        <translation>移動…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+133"/>
        <source>Hide</source>
        <translation>隱藏</translation>
    </message>
    <message>
        <location line="-132"/>
        <source>Delete…</source>
        <translation>刪除…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create a top-level category (Ctrl+N)</source>
        <translation>創建一級分類（Ctrl+N）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a category under the current one</source>
        <translation>在當前分類下創建子分類</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename the current category in both languages (F2)</source>
        <translation>以兩種語言重新命名當前分類（F2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the current category, with what is under it, to another parent</source>
        <translation>將當前分類連同其下內容移至另一上級分類</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the current category up among its siblings (Ctrl+↑)</source>
        <translation>在同級分類中上移當前分類（Ctrl+↑）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the current category down among its siblings (Ctrl+↓)</source>
        <translation>在同級分類中下移當前分類（Ctrl+↓）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide the current category from customers, or show it again</source>
        <translation>對客戶隱藏當前分類，或重新顯示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the current category; only an empty one can go (Del)</source>
        <translation>刪除當前分類；只有空分類可刪除（Del）</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>No category yet: articles are filed under categories made here (Create Category…, Ctrl+N).</source>
        <translation>尚未有分類：文章歸入在這裏建立的分類（創建分類…，Ctrl+N）。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Show</source>
        <translation>顯示</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Delete Category</source>
        <translation>刪除分類</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the category “{name}”?</source>
        <translation>刪除分類「{name}」？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It has no articles and no sub-categories. This takes effect at once and is recorded.</source>
        <translation>此分類沒有文章，亦沒有子分類。刪除即時生效，並會記錄在案。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Other Name</source>
        <translation>另一語言名稱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Articles</source>
        <translation>文章數</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No.</source>
        <translation>編號</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changes to categories take effect at once, without approval, and are recorded. A hidden category hides its articles from customers.</source>
        <translation>分類的更改即時生效，無需審批，並會記錄在案。隱藏的分類，其文章亦不向客戶顯示。</translation>
    </message>
    <message>
        <location filename="../../ui/help_center/category_tree.py" line="+55"/>
        <source>Choose a category first.</source>
        <translation>請先選擇分類。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Already first among its siblings.</source>
        <translation>已是同級分類中的第一個。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Already last among its siblings.</source>
        <translation>已是同級分類中的最後一個。</translation>
    </message>
</context>
<context>
    <name>CategoryDialog</name>
    <message>
        <location filename="../../ui/help_center/category_dialog.py" line="+59"/>
        <source>(top level)</source>
        <translation>（一級分類）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Chinese name</source>
        <translation>中文名稱</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>English name</source>
        <translation>英文名稱</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Parent category</source>
        <translation>上級分類</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Create Category</source>
        <translation>創建分類</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename Category</source>
        <translation>重新命名分類</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move Category</source>
        <translation>移動分類</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create</source>
        <translation>創建</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rename</source>
        <translation>重新命名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move</source>
        <translation>移動</translation>
    </message>
</context>
<context>
    <name>CcDialog</name>
    <message>
        <location filename="../../ui/approvals/cc_dialog.py" line="+27"/>
        <location line="+8"/>
        <source>Add CC</source>
        <translation>新增抄送</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Copy {order} to (user names, separated by commas):</source>
        <translation>將 {order} 抄送予（用戶名，以逗號分隔）：</translation>
    </message>
</context>
<context>
    <name>CopyDialog</name>
    <message>
        <location filename="../../ui/help_center/copy_dialog.py" line="+23"/>
        <source>Copy Article</source>
        <translation>複製文章</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copy “{title}” as a new hidden article:</source>
        <translation>將「{title}」複製為新的隱藏文章：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The copy stays hidden until a Show order is approved; its title is marked as a copy.</source>
        <translation>副本在「顯示文章」工單批准前保持隱藏，標題會註明為副本。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
</context>
<context>
    <name>DayTradeWindowPage</name>
    <message>
        <location filename="../../ui/risk/day_trade_window_page.py" line="+182"/>
        <source>Awaiting approval in work order #{id}; a new change can be submitted once it is decided.</source>
        <translation>工單 #{id} 待審批；審批完成後方可提交新的修改。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>In your local time ({zone}) today: {start} – force-close {close} – {end}</source>
        <translation>今日本地時間（{zone}）：{start} – 強制平倉 {close} – {end}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Work order #{old} resubmitted as #{id}.</source>
        <translation>工單 #{old} 已重新提交為 #{id}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Submitted as work order #{id}.</source>
        <translation>已提交為工單 #{id}。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{market} — {zone}, session {periods}</source>
        <translation>{market} — {zone}，交易時段 {periods}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{title} — correcting work order #{id}</source>
        <translation>{title} — 修正工單 #{id}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type the time, or use ↑ and ↓ on the hours or minutes</source>
        <translation>輸入時間，或在時、分上按 ↑ 及 ↓ 調整</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start</source>
        <translation>開始時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Force-close</source>
        <translation>強制平倉時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End</source>
        <translation>結束時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day trading enabled</source>
        <translation>啟用日內融</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit for approval</source>
        <translation>提交審批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revert</source>
        <translation>還原</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Day traders must close their positions by the force-close time. Times are the market&apos;s own; every change needs approval.</source>
        <translation>日內融倉位須於強制平倉時間前平倉。時間均為該市場當地時間；每項修改均須審批。</translation>
    </message>
</context>
<context>
    <name>DecisionDialogs</name>
    <message>
        <location filename="../../ui/approvals/decision_dialogs.py" line="+37"/>
        <source>Reject Work Order</source>
        <translation>駁回工單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why is {order} rejected? The maker sees this reason.</source>
        <translation>請說明駁回 {order} 的原因，發起人會看到此原因。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason for the rejection (required)</source>
        <translation>駁回原因（必填）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reject</source>
        <translation>駁回</translation>
    </message>
</context>
<context>
    <name>DelegationForm</name>
    <message>
        <location filename="../../ui/approvals/delegation_form.py" line="+58"/>
        <source>User name of the person deciding for you</source>
        <translation>代您審批人員的用戶名</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every flow</source>
        <translation>所有流程</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Delegate</source>
        <translation>委託</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Delegate to</source>
        <translation>委託予</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From (HK)</source>
        <translation>開始（香港時間）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Until (HK)</source>
        <translation>結束（香港時間）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flows</source>
        <translation>流程</translation>
    </message>
</context>
<context>
    <name>DelegationsDialog</name>
    <message>
        <location filename="../../ui/approvals/delegations_dialog.py" line="+35"/>
        <source>Scheduled</source>
        <translation>未生效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In force</source>
        <translation>生效中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended</source>
        <translation>已結束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoked</source>
        <translation>已撤銷</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Every flow</source>
        <translation>所有流程</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delegations</source>
        <translation>委託審批</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>From</source>
        <translation>委託人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>受託人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starts (HK)</source>
        <translation>開始（香港時間）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ends (HK)</source>
        <translation>結束（香港時間）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flows</source>
        <translation>流程</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoke</source>
        <translation>撤銷</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>End the selected delegation of yours now</source>
        <translation>立即結束所選的委託</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New Delegation</source>
        <translation>新增委託</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Given and received: while one is in force, its delegate decides on the approver&apos;s behalf.</source>
        <translation>您發出及收到的委託：委託生效期間，受託人可代審批人審批。</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>The delegation to {name} is revoked.</source>
        <translation>對 {name} 的委託已撤銷。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} decides for you from {start} until {end}.</source>
        <translation>{name} 將於 {start} 至 {end} 代您審批。</translation>
    </message>
</context>
<context>
    <name>DraftBatches</name>
    <message>
        <location filename="../../ui/risk/draft_conflict_models.py" line="+22"/>
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take live</source>
        <translation>採用現行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../ui/risk/draft_live_picker.py" line="+52"/>
        <source>Symbol</source>
        <translation>股票代號</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed live</source>
        <translation>現行已改</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your choice</source>
        <translation>你的選擇</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Field</source>
        <translation>欄位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Drafted</source>
        <translation>草稿值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started from</source>
        <translation>起草時</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Live now</source>
        <translation>現行值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Becomes</source>
        <translation>合併後</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Deleted</source>
        <translation>已刪除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created live</source>
        <translation>現行已新建</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Keep or drop the row</source>
        <translation>保留或捨棄此行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing to choose</source>
        <translation>毋須選擇</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chosen field by field</source>
        <translation>已逐欄選擇</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose: {fields}</source>
        <translation>請選擇：{fields}</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>(leaves the batch)</source>
        <translation>（移出批次）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(choose)</source>
        <translation>（請選擇）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Changed on both sides: tick the value to keep.</source>
        <translation>雙方都改了此欄：請勾選要保留的值。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed only live: the live value is taken.</source>
        <translation>只有現行改了此欄：採用現行值。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed only in your draft: your value is kept.</source>
        <translation>只有你的草稿改了此欄：保留你的值。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unchanged on both sides.</source>
        <translation>雙方都沒有改動。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(new row)</source>
        <translation>（新行）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(deleted)</source>
        <translation>（已刪除）</translation>
    </message>
    <message>
        <location filename="../../ui/risk/draft_conflicts.py" line="+158"/>
        <source>Apply Choices ({chosen} of {total})</source>
        <translation>套用選擇（{chosen}／{total}）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This batch is no longer in conflict; nothing was changed.</source>
        <translation>此批次已無衝突，未作任何更改。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A live row changed after you drafted it, and the backend refused the batch. The live rows are fetched at the next sync; then choose, row by row, here.</source>
        <translation>起草後現行記錄已被修改，伺服器拒絕了此批次。下次同步時會取得現行記錄，屆時請在此逐行選擇。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Live rows changed (or were created) after you drafted them, so this batch did not reach the checker. A field changed only live takes the live value; a field changed only in your draft keeps yours. Where both changed (marked), tick the value to keep, or choose for whole rows; then apply and submit again. A row left equal to the live one leaves the batch.</source>
        <translation>你起草後現行資料已被修改（或新建），所以此批次未送交覆核。只有現行改動的欄位採用現行值；只有你的草稿改動的欄位保留你的值。雙方都改動的欄位（已標示）請勾選要保留的值，或按整行選擇；然後套用並重新提交。與現行完全相同的行會移出批次。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Keep your values where both sides changed a field, in the selected rows</source>
        <translation>在所選行中，雙方都改動的欄位保留你的值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Take the live values where both sides changed a field, in the selected rows</source>
        <translation>在所選行中，雙方都改動的欄位採用現行值</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Keep Mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Take Live</source>
        <translation>採用現行</translation>
    </message>
    <message>
        <location filename="../../ui/risk/draft_editor_controller.py" line="+201"/>
        <source>This batch can no longer change here; it was not saved.</source>
        <translation>此批次已不能在此修改，未有儲存。</translation>
    </message>
    <message>
        <location filename="../../ui/risk/draft_intake.py" line="+57"/>
        <source>Clear {count} cell(s)</source>
        <translation>清除 {count} 個儲存格</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Fill {count} cell(s)</source>
        <translation>填入 {count} 個儲存格</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pasted: {cells} cell(s) changed, {rows} row(s) added.</source>
        <translation>已貼上：修改 {cells} 個儲存格，新增 {rows} 行。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Copy {count} live row(s)</source>
        <translation>複製 {count} 行現行記錄</translation>
    </message>
    <message>
        <location filename="../../ui/risk/draft_editor.py" line="+228"/>
        <source>Import a workbook</source>
        <translation>匯入活頁簿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbooks (*.xlsx *.xlsm)</source>
        <translation>Excel 活頁簿 (*.xlsx *.xlsm)</translation>
    </message>
    <message>
        <location filename="../../ui/risk/draft_intake.py" line="+14"/>
        <source>Reading {name}…</source>
        <translation>正在讀取 {name}…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Import {name}</source>
        <translation>匯入 {name}</translation>
    </message>
    <message>
        <location filename="../../ui/risk/draft_verdict.py" line="+79"/>
        <source>Your drafting key is still being unlocked after signing in; submit again in a moment.</source>
        <translation>登入後仍在解鎖您的草擬密鑰，請稍後再提交。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not submitted: fix the {count} problem(s) first.</source>
        <translation>未提交：請先修正 {count} 個問題。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This batch can no longer change here; it was not submitted.</source>
        <translation>此批次已不能在此修改，未有提交。</translation>
    </message>
    <message>
        <location filename="../../ui/risk/draft_editor_texts.py" line="+32"/>
        <source>Draft Batches</source>
        <translation>草稿批次</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose a batch on the left, or make a new one (Ctrl+N).</source>
        <translation>請在左方選擇批次，或新建一個（Ctrl+N）。</translation>
    </message>
    <message>
        <location line="-6"/>
        <location filename="../../ui/risk/draft_list.py" line="+79"/>
        <location filename="../../ui/risk/draft_page.py" line="+207"/>
        <source>Untitled batch</source>
        <translation>未命名批次</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Checking…</source>
        <translation>檢查中…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} problem(s): point at a red cell to see why.</source>
        <translation>{count} 個問題：將滑鼠移到紅色儲存格查看原因。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No problems found.</source>
        <translation>未發現問題。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>saved {time}</source>
        <translation>已於 {time} 儲存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} row(s)</source>
        <translation>{count} 行</translation>
    </message>
    <message>
        <location filename="../../ui/risk/draft_editor.py" line="+35"/>
        <source>Add Row</source>
        <translation>新增行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add an empty row (Ctrl++)</source>
        <translation>新增空白行（Ctrl++）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete Rows</source>
        <translation>刪除行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected rows (Ctrl+-)</source>
        <translation>刪除所選行（Ctrl+-）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste</source>
        <translation>貼上</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste cells copied from Excel at the current cell; a header row maps the columns by name (Ctrl+V)</source>
        <translation>在目前儲存格貼上從 Excel 複製的內容；如有標題行則按欄名對應（Ctrl+V）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import Workbook…</source>
        <translation>匯入活頁簿…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the rows of a workbook made from the upload template (Ctrl+O)</source>
        <translation>加入以上載範本製作的活頁簿各行（Ctrl+O）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy Live Rows…</source>
        <translation>複製現行記錄…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find live rows by symbol and copy them into the draft (Ctrl+L)</source>
        <translation>按股票代號搜尋現行記錄並複製到草稿（Ctrl+L）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Undo (Ctrl+Z)</source>
        <translation>復原（Ctrl+Z）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Redo (Ctrl+Shift+Z or Ctrl+Y)</source>
        <translation>重做（Ctrl+Shift+Z 或 Ctrl+Y）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit for Approval</source>
        <translation>提交審批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queue the batch for the backend; it becomes a work order (Ctrl+Enter)</source>
        <translation>將批次排隊送往伺服器，成為工單（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No batch is open.</source>
        <translation>未開啟批次。</translation>
    </message>
    <message>
        <location filename="../../ui/risk/draft_grid.py" line="+112"/>
        <source>A new row</source>
        <translation>新行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started from the live row, version {version}</source>
        <translation>起草自現行記錄，版本 {version}</translation>
    </message>
    <message>
        <location filename="../../ui/risk/draft_grid_edits.py" line="+48"/>
        <source>Edit {field}</source>
        <translation>編輯{field}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Add row</source>
        <translation>新增行</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Delete {count} row(s)</source>
        <translation>刪除 {count} 行</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Paste {count} row(s)</source>
        <translation>貼上 {count} 行</translation>
    </message>
    <message>
        <location filename="../../ui/risk/draft_import.py" line="+37"/>
        <source>The workbook could not be read: {reason}</source>
        <translation>無法讀取活頁簿：{reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} problem(s) in {name}; nothing was imported. First: {where}{problem}</source>
        <translation>{name} 有 {count} 個問題，未有匯入任何內容。第一個：{where}{problem}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} row(s) imported from {name}.</source>
        <translation>已從 {name} 匯入 {count} 行。</translation>
    </message>
    <message>
        <location filename="../../ui/risk/draft_list.py" line="-47"/>
        <location line="+116"/>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>Kind</source>
        <translation>類別</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rows</source>
        <translation>行數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Updated At</source>
        <translation>更新時間</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>New Draft Batch</source>
        <translation>新建草稿批次</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Margin table</source>
        <translation>保證金表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What it does</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. HK review, March</source>
        <translation>例如：三月港股檢討</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create</source>
        <translation>建立</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/risk/draft_live_picker.py" line="+0"/>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IM</source>
        <translation>初始保證金 IM</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>MM</source>
        <translation>維持保證金 MM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FM</source>
        <translation>強制平倉 FM</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending</source>
        <translation>待審批</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Copy live rows: {kind}</source>
        <translation>複製現行記錄：{kind}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Symbol prefix, e.g. 007 or AA</source>
        <translation>股票代號開頭，例如 007 或 AA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>查詢</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add Selected</source>
        <translation>加入所選</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the selected rows to the draft (Ctrl+Enter)</source>
        <translation>將所選行加入草稿（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Searching…</source>
        <translation>查詢中…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The live table cannot be read ({reason}); these rows are from the workstation&apos;s copy.</source>
        <translation>無法讀取現行資料（{reason}）；以下為本機副本。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} row(s) found.</source>
        <translation>找到 {count} 行。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The first {count} rows; type more of the symbol to narrow it.</source>
        <translation>首 {count} 行；請輸入更多股票代號以收窄範圍。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{count} row(s) added to the draft.</source>
        <translation>已將 {count} 行加入草稿。</translation>
    </message>
    <message>
        <location filename="../../ui/risk/draft_page.py" line="-136"/>
        <source>No draft batch yet: make one with New Batch… (Ctrl+N). Drafts are kept on this workstation until they are submitted.</source>
        <translation>尚未有草稿批次：請用「新建批次…」（Ctrl+N）建立。草稿會保存在這部工作站，直至提交。</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>Correction of #{id}</source>
        <translation>修正 #{id}</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+3"/>
        <source>Delete Draft</source>
        <translation>刪除草稿</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Delete the draft “{title}” and its {count} row(s)?</source>
        <translation>刪除草稿「{title}」及其 {count} 行？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It was never submitted; this cannot be undone.</source>
        <translation>此草稿從未提交；刪除後無法復原。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Drafting is not available: the workstation&apos;s database is not open. Sign in again; if this stays, ask for the permission to draft margin changes (risk.credit.draft).</source>
        <translation>無法起草：本機資料庫未開啟。請重新登入；如問題持續，請申請起草保證金變更的權限（risk.credit.draft）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New Batch…</source>
        <translation>新建批次…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new draft batch (Ctrl+N)</source>
        <translation>新建草稿批次（Ctrl+N）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete Draft…</source>
        <translation>刪除草稿…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected draft; only drafts not at the backend can be deleted (Del)</source>
        <translation>刪除所選草稿；只可刪除未送達伺服器的草稿（Del）</translation>
    </message>
    <message>
        <location filename="../../ui/risk/draft_texts.py" line="+13"/>
        <source>Long</source>
        <translation>多頭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short-sell</source>
        <translation>空頭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intraday</source>
        <translation>日內</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add or change rows</source>
        <translation>新增或修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change rows</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete rows</source>
        <translation>刪除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queued</source>
        <translation>已排隊</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted as work order #{id}</source>
        <translation>已提交為工單 #{id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved (work order #{id})</source>
        <translation>已批准（工單 #{id}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected (work order #{id})</source>
        <translation>已駁回（工單 #{id}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stale (work order #{id})</source>
        <translation>已失效（工單 #{id}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn (work order #{id})</source>
        <translation>已撤回（工單 #{id}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expired (work order #{id})</source>
        <translation>已過期（工單 #{id}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflict</source>
        <translation>有衝突</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused</source>
        <translation>被拒絕</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set aside, never sent</source>
        <translation>已擱置，未送出</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Add rows (Ctrl++), paste them from Excel (Ctrl+V), import a workbook or copy live rows. Saved as you type; submit it (Ctrl+Enter) when it is ready.</source>
        <translation>新增行（Ctrl++）、從 Excel 貼上（Ctrl+V）、匯入活頁簿或複製現行記錄。輸入即自動儲存；準備好後提交（Ctrl+Enter）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Queued: it goes to the backend as soon as it can be reached. It can no longer change here.</source>
        <translation>已排隊：可連接伺服器時即會送出。此批次已不能在此修改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Submitted as work order #{id}; it awaits approval.</source>
        <translation>已提交為工單 #{id}，等待審批。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order #{id} was approved and applied.</source>
        <translation>工單 #{id} 已批准並生效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order #{id} was withdrawn.</source>
        <translation>工單 #{id} 已撤回。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order #{id} expired before anyone decided it.</source>
        <translation>工單 #{id} 在審批前已過期。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order #{id} was rejected. Change the rows and submit again.</source>
        <translation>工單 #{id} 已被駁回。請修改後重新提交。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A live row changed before work order #{id} was approved, so nothing was applied. Check the rows and submit again.</source>
        <translation>工單 #{id} 批准前現行記錄已被修改，因此未有生效。請檢查後重新提交。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The backend refused it. Fix the rows and submit again.</source>
        <translation>伺服器拒絕了此批次。請修正後重新提交。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In conflict with the live table.</source>
        <translation>與現行資料有衝突。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set aside and never sent: nothing proves that you queued it with your password on this workstation (it may have been queued in someone else&apos;s offline session, or changed in the workstation&apos;s file). Check the rows: submit it again only if they are yours, or delete it.</source>
        <translation>已擱置，不會送出：無法證明是您在本機以您的密碼提交的（可能是在他人的離線工作階段中提交，或本機檔案曾被修改）。請檢查各行：確認是您的內容才再次提交，否則請刪除。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../ui/common/filter_bar.py" line="+187"/>
        <location line="+12"/>
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
        <location line="+76"/>
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
    <name>FundClearingPage</name>
    <message>
        <location filename="../../ui/funds/batch_columns.py" line="+19"/>
        <source>Trade Date</source>
        <translation>交易日</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/funds/clearing_page.py" line="+37"/>
        <source>Fund</source>
        <translation>基金</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Currency</source>
        <translation>貨幣</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subscriptions</source>
        <translation>申購</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Redemptions</source>
        <translation>贖回</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next Steps</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>To Explain</source>
        <translation>待說明</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Units</source>
        <translation>份額</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Order Ref</source>
        <translation>委託編號</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account No.</source>
        <translation>賬戶號碼</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fee</source>
        <translation>費用</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/funds/side_totals.py" line="+22"/>
        <source>Expected</source>
        <translation>預期</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../ui/funds/side_totals.py" line="+1"/>
        <source>Confirmed</source>
        <translation>確認</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../ui/funds/side_totals.py" line="+1"/>
        <source>Difference</source>
        <translation>差額</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Explanation</source>
        <translation>說明</translation>
    </message>
    <message>
        <location filename="../../ui/funds/clearing_page.py" line="+1"/>
        <source>From</source>
        <translation>由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settlement</source>
        <translation>交收</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No batch yet: a batch is made for each fund&apos;s trade date when its orders are placed.</source>
        <translation>尚未有批次：每隻基金的每個交易日有訂單時，便會建立一個批次。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No batch matches the filter ({filter}).</source>
        <translation>沒有符合篩選條件（{filter}）的批次。</translation>
    </message>
    <message>
        <location filename="../../ui/funds/batch_list.py" line="+60"/>
        <source>Loading failed; press F5 to try again.</source>
        <translation>載入失敗；請按 F5 重試。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading…</source>
        <translation>載入中…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} batch(es)</source>
        <translation>共 {count} 個批次</translation>
    </message>
    <message>
        <location filename="../../ui/funds/batch_sides.py" line="+88"/>
        <source>Trade date {date}</source>
        <translation>交易日 {date}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Difference limit {limit}</source>
        <translation>差值上限 {limit}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A line whose confirmed figure differs from the expected one by {limit} or more cannot be confirmed, explained or not.</source>
        <translation>確認數額與系統計算數額的差值達 {limit} 或以上的明細不可確認，說明亦不可。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Difference Limit…</source>
        <translation>差值上限…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the difference limit of the chosen batch&apos;s fund (audited)</source>
        <translation>更改所選批次基金的差值上限（記入審計）</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Settles {date}</source>
        <translation>交收日 {date}</translation>
    </message>
    <message>
        <location filename="../../ui/funds/batch_actions.py" line="+97"/>
        <source>Line {ref} explained.</source>
        <translation>已說明明細 {ref}。</translation>
    </message>
    <message>
        <location filename="../../ui/funds/clearing_dialogs.py" line="+67"/>
        <source>This is final: the side can no longer change.</source>
        <translation>確認後不可更改。</translation>
    </message>
    <message>
        <location filename="../../ui/funds/batch_actions.py" line="+16"/>
        <location filename="../../ui/funds/side_blockers.py" line="+26"/>
        <source>Already confirmed by {user} at {time}.</source>
        <translation>{user} 已於 {time} 確認。</translation>
    </message>
    <message>
        <location filename="../../ui/funds/clearing_dialogs.py" line="-11"/>
        <source>Confirm Subscription Reconciliation</source>
        <translation>申購核對確認</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm Redemption Reconciliation</source>
        <translation>贖回核對確認</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm the subscription reconciliation of {fund} for trade date {date}?</source>
        <translation>確認 {fund} 交易日 {date} 的申購核對？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Confirm the redemption reconciliation of {fund} for trade date {date}?</source>
        <translation>確認 {fund} 交易日 {date} 的贖回核對？</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{step} for {fund}, trade date {date}?</source>
        <translation>為 {fund} 交易日 {date} 進行{step}？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{orders} order(s). Settles {date}. This is recorded and audited; it cannot be undone here.</source>
        <translation>共 {orders} 筆委託，交收日 {date}。此操作會記錄並記入審計，不可在此撤回。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Change Limit</source>
        <translation>更改上限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change the difference limit of {fund} from {before} to {after}?</source>
        <translation>將 {fund} 的差值上限由 {before} 改為 {after}？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every batch of this fund not yet confirmed is judged by the new limit. The change is audited.</source>
        <translation>此基金尚未確認的批次均按新上限核對。更改會記入審計。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Import Confirmation</source>
        <translation>匯入確認單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirmation files (*.xlsx *.csv)</source>
        <translation>確認檔案 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/funds/batch_actions.py" line="+8"/>
        <source>Importing {file}…</source>
        <translation>正在匯入 {file}…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Imported {file}: {rows} row(s), {subscriptions} subscription(s) and {redemptions} redemption(s).</source>
        <translation>已匯入 {file}：共 {rows} 行，申購 {subscriptions} 筆，贖回 {redemptions} 筆。</translation>
    </message>
    <message>
        <location filename="../../ui/funds/clearing_dialogs.py" line="+10"/>
        <source>Export Reconciliation</source>
        <translation>匯出對賬</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 活頁簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/funds/batch_actions.py" line="-24"/>
        <source>Subscription reconciliation confirmed; the subscriptions are settling.</source>
        <translation>申購核對已確認，申購交收中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redemption reconciliation confirmed; the redemptions are settling.</source>
        <translation>贖回核對已確認，贖回交收中。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Exporting…</source>
        <translation>正在匯出…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exporting… {size}</source>
        <translation>正在匯出… {size}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported {size} to {path}</source>
        <translation>已匯出 {size} 至 {path}</translation>
    </message>
    <message>
        <location filename="../../ui/funds/action_bar.py" line="+57"/>
        <source>Both sides of this batch are confirmed; each keeps the confirmation it was reconciled against</source>
        <translation>此批次的申購及贖回均已確認，各自保留核對所用的確認單</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import the fund house&apos;s confirmation file (.xlsx or .csv) for the chosen batch: it replaces the sides it holds rows for (Ctrl+I)</source>
        <translation>為所選批次匯入基金公司的確認檔案（.xlsx 或 .csv）：取代檔案所含方向的確認單 (Ctrl+I)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Import…</source>
        <translation>匯入…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>匯出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the chosen batch&apos;s reconciliation to Excel (Ctrl+E)</source>
        <translation>將所選批次的對賬匯出至 Excel (Ctrl+E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the batches again (F5)</source>
        <translation>重新讀取批次 (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/funds/explain_dialog.py" line="+23"/>
        <source>Explain Line {ref}</source>
        <translation>說明明細 {ref}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{side} line {ref}: {status}.</source>
        <translation>{side}明細 {ref}：{status}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Difference: {difference}.</source>
        <translation>差額：{difference}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Say why it differs; the note is kept with the line and audited.</source>
        <translation>請說明差異原因；說明會與明細一併保存並記入審計。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For example: fund house rounding, agreed by phone</source>
        <translation>例如：基金公司進位方法不同，已電話確認</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save Explanation</source>
        <translation>儲存說明</translation>
    </message>
    <message>
        <location filename="../../ui/funds/import_errors_dialog.py" line="+32"/>
        <source>Confirmation File Refused</source>
        <translation>確認檔案被拒</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{file}: {message}</source>
        <translation>{file}：{message}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Column</source>
        <translation>欄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/funds/side_totals.py" line="-6"/>
        <source>Orders</source>
        <translation>委託</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ordered</source>
        <translation>委託數額</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fees</source>
        <translation>費用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NAV</source>
        <translation>基金淨值</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lines</source>
        <translation>明細</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirmation</source>
        <translation>確認單</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Confirmed By</source>
        <translation>確認人</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{nav} of {date}</source>
        <translation>{nav}（{date}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>None needed: no orders</source>
        <translation>無需確認單：沒有委託</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not imported yet</source>
        <translation>尚未匯入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file} by {user} at {time}</source>
        <translation>{file}，{user} 於 {time} 匯入</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The system, at {time}</source>
        <translation>系統，於 {time}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{user} at {time}</source>
        <translation>{user}，於 {time}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{matched} matched, {differ} differ ({beyond} beyond the limit), {explained} explained, {unexplained} to explain</source>
        <translation>已配對 {matched}，差異 {differ}（{beyond} 筆超出差值上限），已說明 {explained}，待說明 {unexplained}</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>{units} units</source>
        <translation>{units} 份額</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>{matched} matched, {differ} differ, {explained} explained, {unexplained} to explain</source>
        <translation>已配對 {matched}，差異 {differ}，已說明 {explained}，待說明 {unexplained}</translation>
    </message>
    <message>
        <location filename="../../ui/funds/settlement_bar.py" line="+21"/>
        <location filename="../../ui/funds/side_blockers.py" line="-5"/>
        <source>Choose a batch first.</source>
        <translation>請先選擇批次。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Confirm the subscription reconciliation first.</source>
        <translation>請先進行申購核對確認。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirm the redemption reconciliation first.</source>
        <translation>請先進行贖回核對確認。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{step} is done.</source>
        <translation>已完成{step}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{step} comes first.</source>
        <translation>須先完成{step}。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The confirmed subscriptions&apos; units are delivered to the accounts; the subscriptions are settled</source>
        <translation>將已確認申購的份額交付至賬戶；申購完成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The confirmed redemptions&apos; units are taken from the accounts; their cash comes next</source>
        <translation>從賬戶扣除已確認贖回的份額；其後進行贖回錢交割</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The redemptions&apos; cash is paid to the accounts; the redemptions are settled</source>
        <translation>將贖回款項支付至賬戶；贖回完成</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Settlement:</source>
        <translation>交收：</translation>
    </message>
    <message>
        <location filename="../../ui/funds/side_blockers.py" line="+3"/>
        <source>Confirmed by the system at {time}: this side has no orders.</source>
        <translation>系統已於 {time} 自動核對確認：此方向沒有委託。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import the fund house&apos;s confirmation first.</source>
        <translation>請先匯入基金公司的確認單。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} line(s) differ by the fund&apos;s limit of {limit} or more; no explanation lets them through. Import a corrected confirmation.</source>
        <translation>{count} 筆明細的差值達基金差值上限 {limit} 或以上，說明亦不可確認。請匯入更正後的確認單。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} line(s) differ and are not explained yet.</source>
        <translation>{count} 筆明細有差異，尚未說明。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This side has no orders.</source>
        <translation>此方向沒有委託。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This side is confirmed; its lines no longer change.</source>
        <translation>此方向已確認，明細不可再更改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line {ref} differs by the fund&apos;s limit of {limit} or more; no explanation lets it through. Import a corrected confirmation.</source>
        <translation>明細 {ref} 的差值達基金差值上限 {limit} 或以上，說明亦不可確認。請匯入更正後的確認單。</translation>
    </message>
    <message>
        <location filename="../../ui/funds/settlement_bar.py" line="-49"/>
        <location filename="../../ui/funds/side_blockers.py" line="-11"/>
        <location line="+15"/>
        <source>Working…</source>
        <translation>處理中…</translation>
    </message>
    <message>
        <location filename="../../ui/funds/side_panel.py" line="+153"/>
        <source>Confirm the subscriptions of this batch against the fund house&apos;s confirmation; final</source>
        <translation>按基金公司確認單核對確認此批次的申購；確認後不可更改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirm the redemptions of this batch against the fund house&apos;s confirmation; final</source>
        <translation>按基金公司確認單核對確認此批次的贖回；確認後不可更改</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Confirm Subscription Reconciliation…</source>
        <translation>申購核對確認…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confirm Redemption Reconciliation…</source>
        <translation>贖回核對確認…</translation>
    </message>
    <message>
        <location filename="../../ui/funds/side_blockers.py" line="-8"/>
        <source>Choose a line that differs and is not explained yet</source>
        <translation>請選擇有差異而尚未說明的明細</translation>
    </message>
    <message>
        <location filename="../../ui/funds/side_panel.py" line="-22"/>
        <source>Explain why line {ref} differs</source>
        <translation>說明明細 {ref} 的差異原因</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Explain…</source>
        <translation>說明…</translation>
    </message>
    <message>
        <location filename="../../ui/funds/difference_limit_dialog.py" line="+33"/>
        <source>Difference Limit of {fund}</source>
        <translation>{fund} 的差值上限</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A line whose confirmed units (subscriptions) or amount (redemptions) differ from the expected figure by the limit or more cannot be confirmed, explained or not: the fund house must correct its confirmation. Now {limit}.</source>
        <translation>申購確認份額或贖回確認金額與系統計算數額的差值達上限或以上的明細不可確認，說明亦不可：須由基金公司更正確認單。現時上限為 {limit}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Change Limit…</source>
        <translation>更改上限…</translation>
    </message>
    <message>
        <location filename="../../ui/funds/settlement_actions.py" line="+21"/>
        <source>Subscription delivery done: the subscriptions are settled.</source>
        <translation>已完成申購交割，申購已完成。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redemption units delivered; the cash comes next.</source>
        <translation>已完成贖回貨交割，其後進行贖回錢交割。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redemption cash delivered: the redemptions are settled.</source>
        <translation>已完成贖回錢交割，贖回已完成。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Already done by {user} at {time}.</source>
        <translation>{user} 已於 {time} 完成。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The difference limit of {fund} is now {limit}.</source>
        <translation>{fund} 的差值上限現為 {limit}。</translation>
    </message>
</context>
<context>
    <name>FundLabels</name>
    <message>
        <location filename="../../ui/funds/labels.py" line="+24"/>
        <source>Subscriptions</source>
        <translation>申購</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redemptions</source>
        <translation>贖回</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Awaiting Confirmation</source>
        <translation>待確認</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>待處理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready to Confirm</source>
        <translation>可確認</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirmed</source>
        <translation>已確認</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Settling</source>
        <translation>交收中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Units Delivered</source>
        <translation>贖回貨已交割</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settled</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Subscription Delivery</source>
        <translation>申購交割</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redemption Units Delivery</source>
        <translation>贖回貨交割</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redemption Cash Delivery</source>
        <translation>贖回錢交割</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Matched</source>
        <translation>已配對</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mismatched</source>
        <translation>不符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing on Our Side</source>
        <translation>我方缺少</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing at Fund House</source>
        <translation>基金公司缺少</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>{status} (beyond limit)</source>
        <translation>{status}（超出差值上限）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{status} (explained)</source>
        <translation>{status}（已說明）</translation>
    </message>
</context>
<context>
    <name>FundRefusals</name>
    <message>
        <location filename="../../ui/funds/refusals.py" line="+26"/>
        <source>{where}: differs by {difference}, at or beyond the fund&apos;s limit of {limit}; import a corrected confirmation.</source>
        <translation>{where}：差值 {difference}，達基金差值上限 {limit} 或以上；請匯入更正後的確認單。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{where}: differs by {difference} and is not explained.</source>
        <translation>{where}：差值 {difference}，尚未說明。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}: not an order of ours, and not explained.</source>
        <translation>{where}：不是我方委託，尚未說明。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{where}: missing at the fund house, and not explained.</source>
        <translation>{where}：基金公司缺少，尚未說明。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import the fund house&apos;s confirmation of the {side} first.</source>
        <translation>請先匯入基金公司的{side}確認單。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm the reconciliation of the {side} first.</source>
        <translation>請先進行{side}核對確認。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{previous} comes first.</source>
        <translation>須先完成{previous}。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Row {row} ({ref})</source>
        <translation>第 {row} 行（{ref}）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>and {count} more</source>
        <translation>另有 {count} 項</translation>
    </message>
</context>
<context>
    <name>HandoverActions</name>
    <message>
        <location filename="../../ui/approvals/handover_actions.py" line="+50"/>
        <source>Transfer…</source>
        <translation>轉交…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give your place on this level to someone else, with a note (Ctrl+Shift+T)</source>
        <translation>將您在本級的審批轉交他人，並附說明（Ctrl+Shift+T）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add CC…</source>
        <translation>新增抄送…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy other people on this work order</source>
        <translation>將此工單抄送予其他人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delegations…</source>
        <translation>委託審批…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who decides for you while you are away, and for whom you decide (Ctrl+Shift+D)</source>
        <translation>您離開期間由誰代您審批，以及您代誰審批（Ctrl+Shift+D）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Work order #{id} transferred to {name}.</source>
        <translation>工單 #{id} 已轉交予 {name}。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Work order #{id} copied to {names}.</source>
        <translation>工單 #{id} 已抄送予 {names}。</translation>
    </message>
</context>
<context>
    <name>HandoverTexts</name>
    <message>
        <location filename="../../ui/approvals/handover_texts.py" line="+13"/>
        <source>There is no such user.</source>
        <translation>沒有此用戶。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This person&apos;s account is disabled.</source>
        <translation>此人的帳戶已停用。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This person submitted the work order and can never decide it.</source>
        <translation>此人是工單提交人，不能審批此工單。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This person is already an approver of this level.</source>
        <translation>此人已是本級審批人。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This person decided another level; one person decides one level.</source>
        <translation>此人已審批其他級別；每人只可審批一級。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This person has no approvals inbox.</source>
        <translation>此人沒有審批權限。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You cannot delegate to yourself.</source>
        <translation>不能委託予自己。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The delegation must end after it starts.</source>
        <translation>委託結束時間須在開始時間之後。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A delegation lasts at most 90 days.</source>
        <translation>委託最長為 90 日。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The delegation must end in the future.</source>
        <translation>委託結束時間須為將來時間。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A chosen flow is unknown to the server.</source>
        <translation>伺服器不認識所選流程。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown, disabled, or the maker: {who}</source>
        <translation>用戶不存在、已停用或為提交人：{who}</translation>
    </message>
</context>
<context>
    <name>HelpCenter</name>
    <message>
        <location filename="../../ui/help_center/labels.py" line="+26"/>
        <source>Traditional Chinese</source>
        <translation>繁體中文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Simplified Chinese</source>
        <translation>簡體中文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>APP</source>
        <translation>APP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WTT</source>
        <translation>WTT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Website</source>
        <translation>官網</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Visible</source>
        <translation>可見</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hidden</source>
        <translation>隱藏</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Category #{id}</source>
        <translation>分類 #{id}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Change</source>
        <translation>變更</translation>
    </message>
</context>
<context>
    <name>IdentityChange</name>
    <message>
        <location filename="../../ui/identity/change_view.py" line="+87"/>
        <source>Note from the requester:</source>
        <translation>提交人備註：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Roles of {user}</source>
        <translation>{user} 的角色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This user is disabled.</source>
        <translation>此用戶已停用。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adds</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removes</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keeps</source>
        <translation>保留</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The user is left without roles: they see nothing.</source>
        <translation>該用戶將沒有任何角色：登入後看不到任何頁面。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Role {code}</source>
        <translation>角色 {code}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New role {code}</source>
        <translation>新角色 {code}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chinese name</source>
        <translation>中文名稱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English name</source>
        <translation>英文名稱</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Permissions added ({count})</source>
        <translation>新增的權限（{count} 項）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Permissions removed ({count})</source>
        <translation>移除的權限（{count} 項）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} permission(s) stay as they are.</source>
        <translation>其餘 {count} 項權限維持不變。</translation>
    </message>
</context>
<context>
    <name>IdentityLabels</name>
    <message>
        <location filename="../../ui/identity/labels.py" line="+27"/>
        <source>Active</source>
        <translation>啟用中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Must change password</source>
        <translation>須更改密碼</translation>
    </message>
</context>
<context>
    <name>InboxCount</name>
    <message>
        <location filename="../../ui/approvals/inbox_count.py" line="+109"/>
        <source>Awaiting me: {count}</source>
        <translation>待我審批：{count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work orders awaiting your approval; click to open the Inbox</source>
        <translation>等待您審批的工單；點選開啟「待我審批」</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Live updates are unavailable: checked every 30 seconds.</source>
        <translation>即時更新暫不可用：每 30 秒檢查一次。</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <location filename="../../ui/approvals/inbox_page.py" line="+49"/>
        <source>Approve…</source>
        <translation>批准…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approve the work order shown below, after a confirmation</source>
        <translation>確認後批准下方顯示的工單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject…</source>
        <translation>駁回…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject the work order shown below, with a reason</source>
        <translation>駁回下方顯示的工單（須填寫原因）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approve every selected work order after a confirmation (Ctrl+Enter)</source>
        <translation>確認後批准所有已選工單（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Approve Selected ({count})</source>
        <translation>批准所選（{count}）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>… and {count} more</source>
        <translation>… 另有 {count} 張</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approve work order #{id}?</source>
        <translation>確定批准工單 #{id}？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve {count} work orders?</source>
        <translation>確定批准 {count} 張工單？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Enter approves, Esc cancels.</source>
        <translation>按 Ctrl+Enter 批准，Esc 取消。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve Work Orders</source>
        <translation>批准工單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve {count}</source>
        <translation>批准 {count} 張</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Approving {done} of {count}…</source>
        <translation>正在批准第 {done} / {count} 張…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Work order #{id} rejected.</source>
        <translation>工單 #{id} 已駁回。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/login_dialog.py" line="+145"/>
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
        <location filename="../../desktop/demo_users.py" line="+68"/>
        <source>Username</source>
        <translation>用戶名稱</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../desktop/login_dialog.py" line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>this computer (local server)</source>
        <translation>本機（本機伺服器）</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Please enter your username.</source>
        <translation>請輸入用戶名稱。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Please enter your password.</source>
        <translation>請輸入密碼。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Choose your own password to sign in: the one-time password works only for that.</source>
        <translation>請設定您自己的密碼以登入：一次性密碼只可用作設定新密碼。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Waiting for the server…</source>
        <translation>等待伺服器…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing in…</source>
        <translation>登入中…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sign in</source>
        <translation>登入</translation>
    </message>
    <message>
        <location filename="../../desktop/offline_sign_in.py" line="+87"/>
        <source>The server cannot be reached, and this user has never signed in on this workstation while it was reachable. To draft offline here, sign in once while the server is reachable; that allows {days} days of offline work.</source>
        <translation>無法連接伺服器，而此使用者從未在伺服器可連接時於本機登入。如要在本機離線起草，請先在伺服器可連接時登入一次；之後可離線工作 {days} 天。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server cannot be reached, and the password is wrong: it is not the one of your last sign-in on this workstation. After {count} wrong passwords, offline sign-in is locked here until you sign in while the server is reachable.</source>
        <translation>無法連接伺服器，且密碼錯誤：與您上次在本機登入時的密碼不符。密碼錯誤 {count} 次後，本機的離線登入將被鎖定，直至您在伺服器可連接時登入。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server cannot be reached, and your permission to work offline on this workstation expired on {date}. Sign in while the server is reachable to renew it.</source>
        <translation>無法連接伺服器，而您在本機的離線工作權限已於 {date} 到期。請在伺服器可連接時登入以續期。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Offline sign-in for this user is locked on this workstation after {count} wrong passwords. Sign in while the server is reachable to unlock it.</source>
        <translation>此使用者因密碼錯誤 {count} 次，本機的離線登入已被鎖定。請在伺服器可連接時登入以解除鎖定。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This computer&apos;s clock is behind a time this workstation has already seen ({date}). Correct the date and time, then sign in again.</source>
        <translation>本電腦的時鐘早於本機曾記錄的時間（{date}）。請更正日期和時間，然後重新登入。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The permission to work offline kept on this workstation is not valid: it was not issued by the server for this user on this workstation. Sign in while the server is reachable.</source>
        <translation>本機保存的離線工作權限無效：並非由伺服器為此使用者在本機簽發。請在伺服器可連接時登入。</translation>
    </message>
    <message>
        <location filename="../../desktop/preparation_line.py" line="+25"/>
        <source>Setting up the local database…</source>
        <translation>正在設定本機資料庫…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creating the demo customer accounts…</source>
        <translation>正在建立示範客戶賬戶…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creating the demo securities and stock margins…</source>
        <translation>正在建立示範證券及股票保證金…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creating the demo message records…</source>
        <translation>正在建立示範消息記錄…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creating the demo Help Center articles…</source>
        <translation>正在建立示範幫助中心文章…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creating the demo funds and clearing batches…</source>
        <translation>正在建立示範基金及清算批次…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This workstation&apos;s database could not be opened. What you typed is kept: try again, or see below why.</source>
        <translation>無法開啟本機資料庫。已輸入的內容會保留：請再試一次，或查看下方原因。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The local server stopped (exit code {code}) before it was ready.</source>
        <translation>本機伺服器未就緒便已停止（結束代碼 {code}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The local server did not answer within {seconds} seconds.</source>
        <translation>本機伺服器在 {seconds} 秒內沒有回應。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The local server could not be started.</source>
        <translation>無法啟動本機伺服器。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What you typed is kept: try again, or see below what it said last.</source>
        <translation>已輸入的內容會保留：請再試一次，或查看下方伺服器最後的輸出。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Step {n} of {total}: {step}</source>
        <translation>第 {n} 步，共 {total} 步：{step}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Starting the local server…</source>
        <translation>正在啟動本機伺服器…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Getting ready…</source>
        <translation>準備中…</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Try Again</source>
        <translation>再試一次</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The first start creates the demo data, once; later starts take a moment.</source>
        <translation>首次啟動需建立示範資料（只此一次）；之後啟動只需片刻。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/status_bar.py" line="+41"/>
        <source>1 new work order awaits your approval.</source>
        <translation>有 1 張新工單等待您審批。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 new work orders await your approval.</source>
        <translation>有 %1 張新工單等待您審批。</translation>
    </message>
    <message>
        <location filename="../../desktop/error_box.py" line="+23"/>
        <source>OpsDesk</source>
        <translation>OpsDesk</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Request ID: %1</source>
        <translation>請求編號：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error: %1</source>
        <translation>錯誤：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="+5"/>
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
        <location line="+4"/>
        <source>The server is checked every 10 seconds.</source>
        <translation>每 10 秒檢查一次伺服器連線。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="+301"/>
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
        <source>Change &amp;Password…</source>
        <translation>更改密碼(&amp;P)…</translation>
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
        <location filename="../../desktop/page_stack.py" line="+87"/>
        <source>No pages are available for your account yet. Ask an administrator for access.</source>
        <translation>您的帳戶暫時沒有可用的頁面，請聯絡系統管理員開通權限。</translation>
    </message>
    <message>
        <location filename="../../desktop/status_bar.py" line="+7"/>
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
    <name>MarginDrawer</name>
    <message>
        <location filename="../../ui/risk/margin_drawer.py" line="+195"/>
        <source>{symbol} is not a listed symbol.</source>
        <translation>{symbol} 不是上市股票代號。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{symbol} already exists: edit it instead.</source>
        <translation>{symbol} 已存在：請改用【編輯】。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Submitting…</source>
        <translation>提交中…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Submit for approval</source>
        <translation>提交審批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creates a work order for another person to approve (Ctrl+Enter)</source>
        <translation>建立工單，由另一人審批（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change History of This Row…</source>
        <translation>此行的變更記錄…</translation>
    </message>
</context>
<context>
    <name>MarginForm</name>
    <message>
        <location filename="../../ui/risk/margin_form.py" line="+241"/>
        <source>Lendable share {share}</source>
        <translation>可按比率 {share}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>From the symbol</source>
        <translation>按代號判斷</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. 45% or 0.45</source>
        <translation>例如 45% 或 0.45</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Blank: on approval; or 2026-01-02 09:30 (HK)</source>
        <translation>留空：審批後生效；或 2026-01-02 09:30（香港時間）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. 00700.HK or AAPL.US</source>
        <translation>例如 00700.HK 或 AAPL.US</translation>
    </message>
</context>
<context>
    <name>MarginHistory</name>
    <message>
        <location filename="../../ui/risk/margin_history_dialog.py" line="+40"/>
        <source>Now {values} (the values before were not kept)</source>
        <translation>現為 {values}（未保留變更前的數值）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Deleted; it was {values}</source>
        <translation>已刪除；刪除前為 {values}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Setting #{id} (work order {order})</source>
        <translation>設置記錄 #{id}（工單 {order}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order {order} {flow}</source>
        <translation>工單 {order} {flow}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Synced now by {name}</source>
        <translation>由 {name} 手動同步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatically at its effective time</source>
        <translation>到生效時間自動生效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On approval</source>
        <translation>審批通過即生效</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>變更</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What Changed</source>
        <translation>變更內容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Source</source>
        <translation>來源</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Maker</source>
        <translation>發起人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checker</source>
        <translation>審批人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Took Effect</source>
        <translation>生效方式</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Before:
{before}

After:
{after}</source>
        <translation>變更前：
{before}

變更後：
{after}</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Loading…</source>
        <translation>載入中…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No change of this row has been recorded yet.</source>
        <translation>此行尚未有變更記錄。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> — scroll for older changes</source>
        <translation> — 向下捲動查看較早的變更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} changes</source>
        <translation>{count} 次變更</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change History — {row}</source>
        <translation>變更記錄 — {row}</translation>
    </message>
</context>
<context>
    <name>MarginPage</name>
    <message>
        <location filename="../../ui/risk/margin_kinds.py" line="+58"/>
        <source>Pending</source>
        <translation>待審批</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scheduled</source>
        <translation>待生效設置</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+54"/>
        <source>Symbol</source>
        <translation>股票代號</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+52"/>
        <source>Market</source>
        <translation>市場</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated At</source>
        <translation>更新時間</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+15"/>
        <location line="+14"/>
        <source>IM</source>
        <translation>初始保證金 IM</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Lendable</source>
        <translation>可按比率</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+12"/>
        <source>MCM</source>
        <translation>追繳保證金 MCM</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+12"/>
        <location line="+13"/>
        <source>MM</source>
        <translation>維持保證金 MM</translation>
    </message>
    <message>
        <location line="-24"/>
        <location line="+12"/>
        <location line="+13"/>
        <source>FM</source>
        <translation>強制平倉 FM</translation>
    </message>
    <message>
        <location line="-24"/>
        <location line="+42"/>
        <source>Financeable</source>
        <translation>可融資</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Effective From</source>
        <translation>生效時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remark</source>
        <translation>備註</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+34"/>
        <source>Short Selling</source>
        <translation>賣空狀態</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Borrow Fee</source>
        <translation>借券費率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Available Qty</source>
        <translation>可借數量</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+26"/>
        <source>Active</source>
        <translation>啟用</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>IM From</source>
        <translation>IM 由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IM To</source>
        <translation>IM 至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending Order</source>
        <translation>待審批工單</translation>
    </message>
    <message>
        <location filename="../../ui/risk/margin_page.py" line="+139"/>
        <source>Delete Selected ({count})</source>
        <translation>刪除所選（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/risk/margin_controller.py" line="+52"/>
        <source>{symbol} awaits approval in work order #{id}.</source>
        <translation>{symbol} 正在工單 #{id} 中待審批。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Work order #{old} resubmitted as #{id}: {flow}, {levels} level(s) of approval.</source>
        <translation>工單 #{old} 已重新提交為 #{id}：{flow}，需 {levels} 級審批。</translation>
    </message>
    <message>
        <location filename="../../ui/risk/margin_page.py" line="+42"/>
        <source>Delete Margin Rows</source>
        <translation>刪除保證金設定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit the deletion of {count} rows for approval?</source>
        <translation>提交刪除 {count} 行的審批？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit Deletion</source>
        <translation>提交刪除</translation>
    </message>
    <message>
        <location filename="../../ui/risk/margin_controller.py" line="+3"/>
        <source>Submitted as work order #{id}: {flow}, {levels} level(s) of approval.</source>
        <translation>已提交為工單 #{id}：{flow}，需 {levels} 級審批。</translation>
    </message>
    <message>
        <location filename="../../ui/risk/margin_page.py" line="+23"/>
        <source>Save the Upload Template</source>
        <translation>儲存上傳範本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 活頁簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/risk/margin_controller.py" line="+8"/>
        <source>Template saved to {path}</source>
        <translation>範本已儲存至 {path}</translation>
    </message>
    <message>
        <location filename="../../ui/risk/margin_page.py" line="-165"/>
        <source>The table has no rows yet.</source>
        <translation>此表尚未有任何記錄。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No row matches the filter ({filter}).</source>
        <translation>沒有符合篩選條件（{filter}）的記錄。</translation>
    </message>
    <message>
        <location line="+183"/>
        <source>New…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New row in the side drawer (Ctrl+N)</source>
        <translation>在側邊欄新增（Ctrl+N）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit the current row (Enter)</source>
        <translation>修改目前所選行（Enter）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete…</source>
        <translation>刪除…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit the deletion of the current row (Del)</source>
        <translation>提交刪除目前所選行的審批（Del）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload…</source>
        <translation>上傳…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload a workbook: preview, fix and submit it (Ctrl+U)</source>
        <translation>上傳活頁簿：預覽、修正後提交（Ctrl+U）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Template…</source>
        <translation>範本…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save an empty upload workbook with its columns and checks</source>
        <translation>儲存附欄位及檢查規則的空白上傳活頁簿</translation>
    </message>
    <message>
        <location filename="../../ui/risk/intraday_now.py" line="+34"/>
        <source>In effect</source>
        <translation>生效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inactive · switched off</source>
        <translation>失效 · 已停用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inactive · no day trading</source>
        <translation>失效 · 未開放日內融</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inactive · market closed</source>
        <translation>失效 · 休市</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inactive · lunch break</source>
        <translation>失效 · 午休</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inactive · outside the day-trade window</source>
        <translation>失效 · 日內融時間外</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>{market} now: {time}, {state}</source>
        <translation>{market} 現在：{time}，{state}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Status Now</source>
        <translation>當前狀態</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>IM Now</source>
        <translation>當前 IM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MM Now</source>
        <translation>當前 MM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FM Now</source>
        <translation>當前 FM</translation>
    </message>
    <message>
        <location filename="../../ui/risk/margin_row_tools.py" line="+40"/>
        <location line="+74"/>
        <source>Rule Settings — Day-Trade Window</source>
        <translation>規則設置 — 日內融時間</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+3"/>
        <source>Change History…</source>
        <translation>變更記錄…</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Every applied change of the current row, with who made and approved it (Ctrl+H)</source>
        <translation>目前這一行已生效的每次變更，以及發起人和審批人 (Ctrl+H)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rule Settings…</source>
        <translation>規則設置…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The day-trade window of each market: when the intraday ratios apply and positions are closed</source>
        <translation>各市場的日內融時間：日內保證金比例何時適用、何時平倉</translation>
    </message>
</context>
<context>
    <name>MarginResubmit</name>
    <message>
        <location filename="../../ui/risk/margin_resubmit.py" line="+89"/>
        <source>{symbol} has no row any more: it was deleted after work order #{id} was made. Submitting makes it again as a new row, in a new work order.</source>
        <translation>{symbol} 的記錄已不存在：在工單 #{id} 提交後已被刪除。提交將以新工單重新新增此記錄。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{symbol} has no row any more: it was deleted after work order #{id} was made, so there is nothing to edit.</source>
        <translation>{symbol} 的記錄已不存在：在工單 #{id} 提交後已被刪除，無可修改。</translation>
    </message>
</context>
<context>
    <name>MarkdownEditor</name>
    <message>
        <location filename="../../ui/help_center/markdown_editor.py" line="+28"/>
        <source>Images are referenced by URL: ![alt](https://…)</source>
        <translation>圖片須以網址引用：![說明](https://…)</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>description</source>
        <translation>說明</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>link text</source>
        <translation>連結文字</translation>
    </message>
</context>
<context>
    <name>MarkdownView</name>
    <message>
        <location filename="../../ui/help_center/markdown_view.py" line="+82"/>
        <source>[Image “{alt}” from {host} could not be loaded: {reason}]</source>
        <translation>[來自 {host} 的圖片「{alt}」無法載入：{reason}]</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>[Image “{alt}” from {host}: not loaded]</source>
        <translation>[來自 {host} 的圖片「{alt}」：未載入]</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>[Embedded image refused: images are referenced by URL]</source>
        <translation>[已拒絕內嵌圖片：圖片須以網址引用]</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>[Image “{alt}”: only http(s) addresses are shown]</source>
        <translation>[圖片「{alt}」：只顯示 http(s) 網址]</translation>
    </message>
    <message>
        <location line="+152"/>
        <source>Loading remote images…</source>
        <translation>正在載入外部圖片…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} image(s) from other sites ({hosts}) are not loaded.</source>
        <translation>來自其他網站（{hosts}）的 {count} 張圖片未載入。</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>the site did not answer</source>
        <translation>網站沒有回應</translation>
    </message>
    <message>
        <location line="-51"/>
        <location line="+48"/>
        <source>not an image</source>
        <translation>並非圖片</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Click to open in your browser: {url}</source>
        <translation>按一下以瀏覽器開啟：{url}</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+5"/>
        <source>Not opened: only http(s) links open. {url}</source>
        <translation>未開啟：只會開啟 http(s) 連結。{url}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Load remote images</source>
        <translation>載入外部圖片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fetch the images of this preview from their sites</source>
        <translation>從原網站取得此預覽中的圖片</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the site answered {status}</source>
        <translation>網站回應 {status}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>larger than {size} MB</source>
        <translation>大於 {size} MB</translation>
    </message>
</context>
<context>
    <name>MessageLabels</name>
    <message>
        <location filename="../../ui/messages/labels.py" line="+19"/>
        <source>SMS</source>
        <translation>短訊</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>電郵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Push</source>
        <translation>推送</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Queued</source>
        <translation>排隊中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending</source>
        <translation>發送中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent</source>
        <translation>已發送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered</source>
        <translation>已送達</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bounced</source>
        <translation>被退回</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Original</source>
        <translation>原始發送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resend</source>
        <translation>重發</translation>
    </message>
</context>
<context>
    <name>MessageRecordDetail</name>
    <message>
        <location filename="../../ui/messages/record_detail_panel.py" line="+35"/>
        <source>Select a message to see its content and delivery attempts.</source>
        <translation>選擇一條消息以查看其內容及發送嘗試。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading message #{id}…</source>
        <translation>正在載入消息 #{id}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message #{id} could not be loaded: {reason}</source>
        <translation>無法載入消息 #{id}：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Time (HKT)</source>
        <translation>時間（香港）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>類型</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+164"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location line="-161"/>
        <source>Tries</source>
        <translation>重試次數</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Provider Message ID</source>
        <translation>供應商消息編號</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+177"/>
        <source>Error</source>
        <translation>錯誤</translation>
    </message>
    <message>
        <location line="-180"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+160"/>
        <source>Account No.</source>
        <translation>賬戶號碼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attempts</source>
        <translation>嘗試次數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>建立時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>更新時間</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>never (one-time code)</source>
        <translation>不可重發（一次性驗證碼）</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+4"/>
        <source>Resend</source>
        <translation>重發</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>SMS and Email only</source>
        <translation>只限短訊及電郵</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Created {time}</source>
        <translation>建立於 {time}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished {time}</source>
        <translation>完成於 {time}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next try {time}</source>
        <translation>下次嘗試 {time}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Delivery Attempts ({count})</source>
        <translation>發送嘗試（{count}）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Content</source>
        <translation>內容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>寄件人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>主題</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delivery Attempts</source>
        <translation>發送嘗試</translation>
    </message>
</context>
<context>
    <name>MessageRecordsPage</name>
    <message>
        <location filename="../../ui/messages/records_page.py" line="+51"/>
        <location line="+16"/>
        <source>Account No.</source>
        <translation>賬戶號碼</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+21"/>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+16"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+21"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+13"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+16"/>
        <source>Subject</source>
        <translation>主題</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>From</source>
        <translation>由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time (HKT)</source>
        <translation>時間（香港）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Attempts</source>
        <translation>嘗試次數</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Provider Message ID</source>
        <translation>供應商消息編號</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No message has been sent yet.</source>
        <translation>尚未發送任何訊息。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No message matches the filter ({filter}).</source>
        <translation>沒有符合篩選條件（{filter}）的訊息。</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Error</source>
        <translation>錯誤</translation>
    </message>
    <message>
        <location filename="../../ui/messages/resend_bar.py" line="+59"/>
        <source>Resend the selected messages to their recorded recipients, with a reason (Ctrl+R)</source>
        <translation>向原收件人重發所選消息，須填寫原因（Ctrl+R）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Results…</source>
        <translation>結果…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show how the last resend went</source>
        <translation>顯示上次重發的結果</translation>
    </message>
    <message>
        <location filename="../../ui/messages/records_page.py" line="+97"/>
        <source>full phone or email</source>
        <translation>完整電話號碼或電郵</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Loaded {loaded} of more than {cap}</source>
        <translation>已載入 {loaded} / 共超過 {cap}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loaded {loaded}, counting…</source>
        <translation>已載入 {loaded}，正在計算總數…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loaded {loaded}</source>
        <translation>已載入 {loaded}</translation>
    </message>
    <message>
        <location filename="../../ui/messages/resend_bar.py" line="+12"/>
        <source>Resend…</source>
        <translation>重發…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resend Selected ({count})…</source>
        <translation>重發所選（{count}）…</translation>
    </message>
    <message>
        <location filename="../../ui/messages/resend_controller.py" line="+70"/>
        <source>Select the messages to resend first.</source>
        <translation>請先選擇要重發的消息。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} messages are selected; resend at most {max} at a time.</source>
        <translation>已選擇 {count} 條消息；每次最多重發 {max} 條。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only SMS and Email can be resent: {count} of the selected messages went by {channels}.</source>
        <translation>只有短訊（SMS）及電郵（Email）可以重發：所選消息中有 {count} 條經{channels}發送。</translation>
    </message>
</context>
<context>
    <name>MyRequestsPage</name>
    <message>
        <location filename="../../ui/approvals/my_requests_page.py" line="+60"/>
        <source>Withdraw…</source>
        <translation>撤回…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdraw the pending work order shown below</source>
        <translation>撤回下方顯示的待審批工單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resubmit…</source>
        <translation>重新提交…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Correct the rejected or stale work order where it was made and submit it again, with a note to the approvers</source>
        <translation>在原處修正已駁回或已失效的工單，並附上給審批人的備註重新提交</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Withdraw Work Order</source>
        <translation>撤回工單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdraw {order}?</source>
        <translation>確定撤回 {order}？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing will be changed, and its items are free for a new work order.</source>
        <translation>不會作出任何變更，相關項目可再提交新工單。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Work order #{id} withdrawn.</source>
        <translation>工單 #{id} 已撤回。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Work order #{old} resubmitted as #{new}.</source>
        <translation>工單 #{old} 已重新提交為 #{new}。</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <location filename="../../desktop/notice_area.py" line="+62"/>
        <source>Open</source>
        <translation>開啟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss (Esc)</source>
        <translation>關閉（Esc）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss</source>
        <translation>關閉</translation>
    </message>
</context>
<context>
    <name>NoticeArea</name>
    <message>
        <location line="+66"/>
        <source>Go to &amp;Notices</source>
        <translation>前往通知(&amp;N)</translation>
    </message>
</context>
<context>
    <name>OrderTrail</name>
    <message>
        <location filename="../../ui/approvals/order_trail.py" line="+27"/>
        <source>Resubmitted</source>
        <translation>重新提交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted</source>
        <translation>提交</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{delegate} on behalf of {approver}</source>
        <translation>{delegate}（代 {approver}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Transferred</source>
        <translation>轉交</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To {name}: {note}</source>
        <translation>轉交予 {name}：{note}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>CC Added</source>
        <translation>新增抄送</translation>
    </message>
</context>
<context>
    <name>OutboxStatus</name>
    <message>
        <location filename="../../desktop/outbox_status.py" line="+28"/>
        <source>Sync: up to date</source>
        <translation>同步：已是最新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync: syncing…</source>
        <translation>同步：同步中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync: offline</source>
        <translation>同步：離線</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync: needs attention</source>
        <translation>同步：需要處理</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sync: connected</source>
        <translation>同步：已連線</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n submission(s) waiting</source>
        <translation>
            <numerusform>%n 項提交待送出</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>working offline until {date}</source>
        <translation>離線工作至 {date}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign in again (File › Sign out) so that waiting submissions can be sent.</source>
        <translation>請重新登入（檔案 › 登出），以送出等待中的提交。</translation>
    </message>
</context>
<context>
    <name>PagedTableModel</name>
    <message>
        <location filename="../../ui/common/paged_table_model.py" line="+129"/>
        <source>More rows, not loaded yet: they load as you scroll here</source>
        <translation>尚有更多列未載入：捲動至此即會載入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading…</source>
        <translation>載入中…</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../desktop/password_dialog.py" line="+121"/>
        <location line="+23"/>
        <source>Change Password</source>
        <translation>更改密碼</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Choose Your Password</source>
        <translation>設定您的密碼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Current password:</source>
        <translation>目前密碼(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New password:</source>
        <translation>新密碼(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Repeat new password:</source>
        <translation>再次輸入新密碼(&amp;R)：</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>You signed in with a one-time password from your administrator. Choose your own, at least %n characters, to continue.</source>
        <translation>
            <numerusform>您以管理員提供的一次性密碼登入。請設定您自己的密碼（最少 %n 個字元）以繼續。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>At least %n characters. Every session of yours ends; sign in again with the new password.</source>
        <translation>
            <numerusform>至少 %n 個字元。更改後您的所有登入階段都會結束，請以新密碼重新登入。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Sign In Again</source>
        <translation>重新登入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changing…</source>
        <translation>更改中…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Enter your current password.</source>
        <translation>請輸入目前密碼。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The new password needs at least %n characters.</source>
        <translation>
            <numerusform>新密碼至少需要 %n 個字元。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new password must differ from the current one.</source>
        <translation>新密碼不可與目前密碼相同。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two new passwords differ.</source>
        <translation>兩次輸入的新密碼不一致。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The current password is wrong.</source>
        <translation>目前密碼不正確。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Your password was changed and every session of yours has ended.</source>
        <translation>密碼已更改，您的所有登入階段均已結束。</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../desktop/i18n.py" line="+32"/>
        <source>&amp;Look in:</source>
        <translation>查看(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files of &amp;type:</source>
        <translation>檔案類型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QueryPage</name>
    <message>
        <location filename="../../ui/common/list_export.py" line="+25"/>
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
        <location line="+71"/>
        <source>Export</source>
        <translation>匯出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the filtered rows to Excel (Ctrl+E)</source>
        <translation>將篩選結果匯出至 Excel（Ctrl+E）</translation>
    </message>
    <message>
        <location filename="../../ui/common/query_page.py" line="+199"/>
        <source>Loading failed; press F5 to try again.</source>
        <translation>載入失敗，請按 F5 重試。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../ui/messages/records_page.py" line="-12"/>
        <source>Loading…</source>
        <translation>載入中…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loaded {loaded} of more than {total}</source>
        <translation>已載入 {loaded} / 共超過 {total}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loaded {loaded} of {total}</source>
        <translation>已載入 {loaded} / 共 {total}</translation>
    </message>
    <message>
        <location filename="../../ui/common/list_export.py" line="-26"/>
        <source>Export to Excel</source>
        <translation>匯出至 Excel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 活頁簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/common/table_view.py" line="+55"/>
        <source>Copy as TSV</source>
        <translation>複製為 TSV</translation>
    </message>
    <message>
        <location filename="../../ui/common/empty_texts.py" line="+19"/>
        <source>Nothing here yet: the list is empty.</source>
        <translation>這裏暫時沒有記錄：清單是空的。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing matches the filter ({filter}).</source>
        <translation>沒有符合篩選條件（{filter}）的記錄。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{field}: {value}</source>
        <translation>{field}：{value}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>ResendDialog</name>
    <message>
        <location filename="../../ui/messages/resend_dialog.py" line="+48"/>
        <source>Resend Messages</source>
        <translation>重發消息</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resend message #{id} to its recorded recipient?</source>
        <translation>向原收件人重發消息 #{id}？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resend {count} messages to their recorded recipients?</source>
        <translation>向原收件人重發 {count} 條消息？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>… and {count} more</source>
        <translation>… 及另外 {count} 條</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>One-time codes and verification codes are never sent twice; nothing here can be resent.</source>
        <translation>一次性密碼及驗證碼一律不會重發；所選消息均不可重發。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} of them hold one-time codes ({templates}) and will be skipped.</source>
        <translation>其中 {count} 條為一次性驗證碼（{templates}），將會略過。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Why are they resent? (required, kept in the audit trail)</source>
        <translation>重發原因（必填，記入審計記錄）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The last request for these messages got no answer. Sending it again repeats that request, so nothing is sent twice.</source>
        <translation>上次重發這些消息的請求未獲回應。再次發送會重複同一請求，不會重複發送。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resend</source>
        <translation>重發</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resend {count}</source>
        <translation>重發 {count} 條</translation>
    </message>
</context>
<context>
    <name>ResendResults</name>
    <message>
        <location filename="../../ui/messages/resend_outcome_model.py" line="+38"/>
        <source>Requesting…</source>
        <translation>請求中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not sent</source>
        <translation>未送出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused</source>
        <translation>已拒絕</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No.</source>
        <translation>編號</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account No.</source>
        <translation>賬戶號碼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>主題</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>詳情</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>{count} not sent: {reason}</source>
        <translation>{count} 條未送出：{reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} sent</source>
        <translation>{count} 條已發送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} in progress</source>
        <translation>{count} 條處理中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} failed</source>
        <translation>{count} 條失敗</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} refused</source>
        <translation>{count} 條被拒絕</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resend of {count}: {parts}</source>
        <translation>重發 {count} 條：{parts}</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Provider message ID {id}</source>
        <translation>供應商消息編號 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/messages/resend_results_dialog.py" line="+99"/>
        <source>Still in progress after two minutes; the list shows the latest state when refreshed (F5).</source>
        <translation>兩分鐘後仍在處理中；重新整理列表（F5）即可查看最新狀態。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Resend Results</source>
        <translation>重發結果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try Again</source>
        <translation>再試一次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the same request again; the server recognises it, so nothing is sent twice</source>
        <translation>再次發送同一請求；伺服器會識別，不會重複發送</translation>
    </message>
</context>
<context>
    <name>Resubmission</name>
    <message>
        <location filename="../../ui/common/resubmission.py" line="+58"/>
        <source>What it changes was changed by someone else before it was applied.</source>
        <translation>其變更的內容在套用前已被他人修改。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(no reason given)</source>
        <translation>（未填原因）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected by {name}: {reason}</source>
        <translation>{name} 已駁回：{reason}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Correcting work order #{id} ({flow})</source>
        <translation>修正工單 #{id}（{flow}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Note to the approvers: what you corrected (optional)</source>
        <translation>給審批人的備註：修正了什麼（選填）</translation>
    </message>
    <message>
        <location filename="../../ui/approval_chains/chain_dialog.py" line="-5"/>
        <location filename="../../ui/identity/resubmit_banner.py" line="+28"/>
        <source>Why, and what you corrected: for the administrator who decides (optional)</source>
        <translation>原因及修正了什麼：供審批的管理員參考（選填）</translation>
    </message>
</context>
<context>
    <name>ResubmitDialog</name>
    <message>
        <location filename="../../ui/approvals/resubmit_dialog.py" line="+26"/>
        <source>Resubmit Work Order</source>
        <translation>重新提交工單</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It is submitted again as it was: {summary}</source>
        <translation>將按原內容重新提交：{summary}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resubmit</source>
        <translation>重新提交</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resubmit (Ctrl+Enter)</source>
        <translation>重新提交（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Resubmit {order}</source>
        <translation>重新提交 {order}</translation>
    </message>
</context>
<context>
    <name>ReturnedCount</name>
    <message>
        <location filename="../../ui/approvals/returned_count.py" line="+51"/>
        <source>Returned to me: {count}</source>
        <translation>我發起的已批覆：{count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your work orders decided since you last looked; click to open My Requests</source>
        <translation>自您上次查看後已審批的工單；點選開啟「我發起的」</translation>
    </message>
</context>
<context>
    <name>RoleEditor</name>
    <message>
        <location filename="../../ui/identity/role_editor.py" line="+45"/>
        <source>Edit Role {code}</source>
        <translation>修改角色 {code}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New Role</source>
        <translation>新增角色</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. margin_viewer</source>
        <translation>例如 margin_viewer</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Find a permission by its words or code</source>
        <translation>按名稱或代碼搜尋權限</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Why: for the administrator who decides (optional)</source>
        <translation>原因：供審批的管理員參考（選填）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Another administrator decides this change; the role changes once approved. Nobody adds permissions to a role they hold.</source>
        <translation>變更由另一位管理員審批，批准後角色才會改變。任何人均不可為自己擁有的角色新增權限。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+31"/>
        <source>Code</source>
        <translation>代碼</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Chinese name</source>
        <translation>中文名稱</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>English name</source>
        <translation>英文名稱</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Submit for Approval</source>
        <translation>提交審批</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Permission</source>
        <translation>權限</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>{count} permission(s): adds {added}, removes {removed}.</source>
        <translation>共 {count} 項權限：新增 {added} 項，移除 {removed} 項。</translation>
    </message>
</context>
<context>
    <name>RolesPage</name>
    <message>
        <location filename="../../ui/identity/roles_controller.py" line="+74"/>
        <source>Wait for the current request to finish.</source>
        <translation>請等待當前請求完成。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a role first.</source>
        <translation>請先選擇角色。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The administrator role holds every permission and cannot be edited.</source>
        <translation>系統管理員角色擁有所有權限，不可修改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A change of this role awaits approval (work order #{id}).</source>
        <translation>此角色的變更正在待審批（工單 #{id}）。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Work order #{old} resubmitted as #{order}: another administrator decides it; the role changes once approved.</source>
        <translation>工單 #{old} 已重新提交為 #{order}：由另一位管理員審批，批准後角色即會變更。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Submitted work order #{order}: another administrator decides it; the role changes once approved.</source>
        <translation>已提交工單 #{order}：由另一位管理員審批，批准後角色即會變更。</translation>
    </message>
    <message>
        <location filename="../../ui/identity/roles_page.py" line="+39"/>
        <source>Ask another administrator to create a role (Ctrl+N)</source>
        <translation>提交新增角色，由另一位管理員審批（Ctrl+N）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask another administrator to change this role&apos;s names or permissions (F2)</source>
        <translation>提交修改此角色的名稱或權限，由另一位管理員審批（F2）</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+99"/>
        <source>Code</source>
        <translation>代碼</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>Users</source>
        <translation>用戶數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Permissions</source>
        <translation>權限數</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Holds every permission; never edited</source>
        <translation>擁有所有權限，不可修改</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Built in</source>
        <translation>內置角色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Awaiting approval (#{id})</source>
        <translation>待審批（#{id}）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{name} ({other}) · {code} · {count} permission(s)</source>
        <translation>{name}（{other}）· {code} · {count} 項權限</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>New Role…</source>
        <translation>新增角色…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Permission</source>
        <translation>權限</translation>
    </message>
</context>
<context>
    <name>SettingRecords</name>
    <message>
        <location filename="../../ui/risk/setting_action_dialog.py" line="+60"/>
        <source>Sync Setting Now</source>
        <translation>立即同步設置</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+23"/>
        <location filename="../../ui/risk/setting_records_page.py" line="+139"/>
        <source>Cancel Sync</source>
        <translation>取消同步</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Apply setting #{id} to {row} now, instead of at {at}?</source>
        <translation>立即將設置記錄 #{id} 套用到 {row}，而非於 {at} 生效？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel setting #{id} of {row}? It will not apply at {at}; the row keeps its values.</source>
        <translation>取消 {row} 的設置記錄 #{id}？它不會於 {at} 生效，該行保留現有數值。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Why is it cancelled? (required, kept in the audit trail)</source>
        <translation>取消原因（必填，記入審計記錄）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sync Now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep As Is</source>
        <translation>保持不變</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Field</source>
        <translation>欄位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Live Now</source>
        <translation>目前生效</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Setting #{id}</source>
        <translation>設置記錄 #{id}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(no row)</source>
        <translation>（尚無記錄）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The live row already has these values.</source>
        <translation>目前生效的記錄已是這些數值。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Work order #{id} awaits approval on this row; syncing changes the row under it, so it will go stale and need resubmitting.</source>
        <translation>工單 #{id} 正在審批此行；同步會改變此行，該工單將會失效，需要重新提交。</translation>
    </message>
    <message>
        <location filename="../../ui/risk/setting_records_controller.py" line="+52"/>
        <source>Setting #{id} is synced: {symbol} has its new values now.</source>
        <translation>設置記錄 #{id} 已同步：{symbol} 現已使用新數值。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Setting #{id} is cancelled: {symbol} keeps its values.</source>
        <translation>設置記錄 #{id} 已取消同步：{symbol} 保留原有數值。</translation>
    </message>
    <message>
        <location filename="../../ui/risk/setting_records_page.py" line="-108"/>
        <location line="+18"/>
        <source>Type</source>
        <translation>類型</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+17"/>
        <source>Symbol</source>
        <translation>股票代號</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+13"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Effective From</source>
        <translation>生效日期由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effective To</source>
        <translation>生效日期至</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Effective At</source>
        <translation>生效時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setting</source>
        <translation>設置內容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Work Order</source>
        <translation>工單</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Maker</source>
        <translation>發起人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created At</source>
        <translation>建立時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Triggered At</source>
        <translation>觸發時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synced By</source>
        <translation>同步人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatically</source>
        <translation>自動</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoked At</source>
        <translation>撤銷時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoked By</source>
        <translation>撤銷人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No setting record yet: an approved change effective later waits here until its time.</source>
        <translation>尚未有設置記錄：已批准而稍後才生效的變更，會在這裏等到生效時間。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No setting record matches the filter ({filter}).</source>
        <translation>沒有符合篩選條件（{filter}）的設置記錄。</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Apply the chosen setting now instead of at its effective time</source>
        <translation>立即套用所選設置，而非等到其生效時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke the chosen setting: it will never apply</source>
        <translation>撤銷所選設置：它將不會生效</translation>
    </message>
    <message>
        <location filename="../../ui/risk/setting_texts.py" line="+33"/>
        <source>Not Triggered</source>
        <translation>未觸發</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Triggered</source>
        <translation>已觸發</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoked</source>
        <translation>已撤銷</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Long Stock Margin</source>
        <translation>多頭股票保證金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short-Sell Margin</source>
        <translation>空頭保證金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intraday Real-Time Margin</source>
        <translation>日內交易實時保證金</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Setting #{id} changes this row at {at} (Hong Kong time): {values}</source>
        <translation>設置記錄 #{id} 將於 {at}（香港時間）變更此行：{values}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Setting #{id} already changes this row at {at}: {values}. An approved new change revokes it.</source>
        <translation>設置記錄 #{id} 已排定於 {at} 變更此行：{values}。新變更一經審批通過，該設置即被撤銷。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="+55"/>
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
    <name>SideDrawer</name>
    <message>
        <location filename="../../ui/common/side_drawer.py" line="+113"/>
        <source>Close (Esc)</source>
        <translation>關閉 (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard your unsaved changes?</source>
        <translation>放棄未儲存的修改？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep editing</source>
        <translation>繼續編輯</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard</source>
        <translation>放棄</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../ui/approvals/transfer_dialog.py" line="+39"/>
        <source>Transfer Work Order</source>
        <translation>轉交工單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give your place on level {level} of {order} to:</source>
        <translation>將您在 {order} 第 {level} 級的審批轉交予：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type a name or user name</source>
        <translation>輸入姓名或用戶名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nobody matches who may take your place.</source>
        <translation>沒有符合條件、可接手審批的人員。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Note for the trail (required)</source>
        <translation>轉交說明（必填，記錄於審批記錄）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Transfer</source>
        <translation>轉交</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Transfer (Ctrl+Enter)</source>
        <translation>轉交（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>UploadDialog</name>
    <message>
        <location filename="../../ui/risk/upload_dialog.py" line="+137"/>
        <source>Choose a workbook</source>
        <translation>選擇活頁簿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbooks (*.xlsx *.xlsm)</source>
        <translation>Excel 活頁簿 (*.xlsx *.xlsm)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Reading {name}…</source>
        <translation>正在讀取 {name}…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the rows</source>
        <translation>工單的各行</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reading was cancelled; nothing was read.</source>
        <translation>已取消讀取；未讀入任何資料。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The workbook could not be read: {reason}</source>
        <translation>無法讀取此活頁簿：{reason}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Errors ({count})</source>
        <translation>錯誤（{count}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings ({count})</source>
        <translation>提示（{count}）</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>{count} problem(s) in the file: fix them below or in the file, then apply or reload. Nothing can be submitted yet.</source>
        <translation>檔案中有 {count} 個問題：請在下方或檔案中修正，再套用或重新載入。修正前不能提交。</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>{rows} rows read: {new} new, {changed} changed, {unchanged} unchanged, {deleted} deleted.</source>
        <translation>已讀取 {rows} 行：新增 {new}、修改 {changed}、不變 {unchanged}、刪除 {deleted}。</translation>
    </message>
    <message>
        <location filename="../../ui/risk/upload_changes.py" line="+24"/>
        <source>What the file would change shows here once it is read.</source>
        <translation>讀取檔案後，這裏會顯示它將作出的變更。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing would change: every row of the file is as it is live.</source>
        <translation>不會有任何變更：檔案中每一行都與現行記錄相同。</translation>
    </message>
    <message>
        <location filename="../../ui/risk/upload_dialog.py" line="+6"/>
        <source>Nothing to change: every row is as it is live, so there is nothing to submit.</source>
        <translation>沒有需要變更的內容：每行都與現行設置相同，無需提交。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changes ({count})</source>
        <translation>變更（{count}）</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Submitting…</source>
        <translation>提交中…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Submitted as work order #{id}: {flow}, {levels} level(s) of approval.</source>
        <translation>已提交為工單 #{id}：{flow}，需 {levels} 級審批。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No changes are shown while the file has {count} problem(s): correct them in the Errors tab and apply the corrections, or fix the file and reload it.</source>
        <translation>檔案仍有 {count} 個問題，因此未顯示變更：請在「錯誤」分頁修正後套用修正，或修改檔案後重新載入。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose File…</source>
        <translation>選擇檔案…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reload</source>
        <translation>重新載入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the file again, after fixing it in Excel</source>
        <translation>在 Excel 修正後重新讀取檔案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add or replace the listed rows</source>
        <translation>新增或取代檔案中的行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace the whole table of the file&apos;s markets</source>
        <translation>取代檔案所涉市場的整張表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide unchanged rows</source>
        <translation>隱藏不變的行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes</source>
        <translation>變更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors</source>
        <translation>錯誤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../ui/risk/upload_issues.py" line="+46"/>
        <source>Type the right value here; Apply Corrections writes it into a copy of the file and reads it again</source>
        <translation>在此輸入正確的值；「套用修正」會把它寫入檔案的副本並重新讀取</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>欄位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correction</source>
        <translation>修正值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/risk/upload_dialog.py" line="+3"/>
        <source>Apply Corrections</source>
        <translation>套用修正</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the corrections into a copy of the file and read it again</source>
        <translation>把修正寫入檔案副本並重新讀取</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit for approval</source>
        <translation>提交審批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a workbook made from the template. Nothing is submitted until you press Submit.</source>
        <translation>請選擇以範本製作的活頁簿。按下提交前不會提交任何資料。</translation>
    </message>
    <message>
        <location filename="../../ui/risk/upload_correction.py" line="+83"/>
        <location line="+61"/>
        <source>The rows of work order #{id}</source>
        <translation>工單 #{id} 的各行</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Work order #{old} resubmitted as #{new}.</source>
        <translation>工單 #{old} 已重新提交為 #{new}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rows ({count})</source>
        <translation>各行（{count}）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{count} problem(s) in the rows: fix them in the Errors or the Rows tab, then apply the corrections. Nothing can be submitted yet.</source>
        <translation>各行中有 {count} 個問題：請在「錯誤」或「各行」分頁修正，再套用修正。修正前不能提交。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No changes are shown while the rows have {count} problem(s): correct them in the Errors or the Rows tab, then apply the corrections.</source>
        <translation>各行仍有 {count} 個問題，因此未顯示變更：請在「錯誤」或「各行」分頁修正，再套用修正。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Correct work order #{id}: {flow}</source>
        <translation>修正工單 #{id}：{flow}</translation>
    </message>
</context>
<context>
    <name>UserDialogs</name>
    <message>
        <location filename="../../ui/identity/user_dialogs.py" line="+69"/>
        <source>New User</source>
        <translation>新增用戶</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. ops.chan</source>
        <translation>例如 ops.chan</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. Chan Tai Man 陳大文</source>
        <translation>例如 Chan Tai Man 陳大文</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lower-case letters, digits, “.”, “_” or “-”; 3 to 64 characters. It never changes.</source>
        <translation>小寫英文字母、數字、「.」、「_」或「-」，3 至 64 個字元；設定後不可更改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The user gets a one-time password, shown once, and chooses their own at the first sign-in. Roles come afterwards, by a change of roles that another administrator approves.</source>
        <translation>用戶會獲發一次性密碼（只顯示一次），首次登入時須設定自己的密碼。角色須其後另行提交變更，由另一位管理員審批。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Username</source>
        <translation>用戶名稱</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Create User</source>
        <translation>新增用戶</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>One-Time Password</source>
        <translation>一次性密碼</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The one-time password of {name} ({user}):</source>
        <translation>{name}（{user}）的一次性密碼：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Shown this once: it is not stored and cannot be shown again. Give it to the user in person or by telephone; they must choose their own password when they first sign in.</source>
        <translation>只顯示這一次：系統不會保存，亦無法再次顯示。請親身或以電話交予用戶；用戶首次登入時須設定自己的密碼。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+21"/>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Copied</source>
        <translation>已複製</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Change Roles of {user}</source>
        <translation>變更 {user} 的角色</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{count} permission(s), held by {users} user(s)</source>
        <translation>{count} 項權限，{users} 位用戶擁有</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Why: for the administrator who decides (optional)</source>
        <translation>原因：供審批的管理員參考（選填）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} ({user}) holds the roles ticked. Another administrator decides the change; it applies once approved.</source>
        <translation>{name}（{user}）擁有已勾選的角色。變更由另一位管理員審批，批准後即生效。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Submit for Approval</source>
        <translation>提交審批</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Adds {added}, removes {removed}.</source>
        <translation>新增 {added} 個，移除 {removed} 個。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing changed yet.</source>
        <translation>尚未作出任何變更。</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../../ui/identity/users_controller.py" line="+91"/>
        <source>Wait for the current request to finish.</source>
        <translation>請等待當前請求完成。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a user first.</source>
        <translation>請先選擇用戶。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your own roles are changed by another administrator.</source>
        <translation>您自己的角色須由另一位管理員變更。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another administrator does this for your own account; change your password with File › Change Password.</source>
        <translation>您自己的帳戶須由另一位管理員處理；如要更改密碼，請使用「檔案 › 更改密碼」。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A change of this user&apos;s roles awaits approval (work order #{id}).</source>
        <translation>此用戶的角色變更正在待審批（工單 #{id}）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Created {user}. Give them the one-time password in person; roles come by a change of roles.</source>
        <translation>已新增 {user}。請親身交予一次性密碼；角色須另行提交變更。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Disabled {user}: their sessions have ended.</source>
        <translation>已停用 {user}：其所有登入已結束。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enabled {user}.</source>
        <translation>已啟用 {user}。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reset the password of {user}: their sessions have ended.</source>
        <translation>已重設 {user} 的密碼：其所有登入已結束。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Work order #{old} resubmitted as #{order} for {user}&apos;s roles: another administrator decides it.</source>
        <translation>{user} 的角色工單 #{old} 已重新提交為 #{order}：由另一位管理員審批。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Submitted work order #{order} for {user}&apos;s roles: another administrator decides it.</source>
        <translation>已就 {user} 的角色提交工單 #{order}：由另一位管理員審批。</translation>
    </message>
    <message>
        <location filename="../../ui/identity/users_page.py" line="+40"/>
        <source>New User…</source>
        <translation>新增用戶…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change Roles…</source>
        <translation>變更角色…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable…</source>
        <translation>停用…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset Password…</source>
        <translation>重設密碼…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create a user with a one-time password (Ctrl+N)</source>
        <translation>新增用戶並發出一次性密碼（Ctrl+N）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask another administrator to change this user&apos;s roles (F2)</source>
        <translation>提交變更此用戶的角色，由另一位管理員審批（F2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable the user, ending their sessions now, or enable them (Del)</source>
        <translation>停用此用戶並即時結束其登入，或重新啟用（Del）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the user a new one-time password, ending their sessions (Ctrl+R)</source>
        <translation>向用戶發出新的一次性密碼，並結束其登入（Ctrl+R）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All users</source>
        <translation>所有用戶</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Active</source>
        <translation>啟用中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Username</source>
        <translation>用戶名稱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last Sign-in</source>
        <translation>最後登入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>建立時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awaiting Approval</source>
        <translation>待審批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order #{id}</source>
        <translation>工單 #{id}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{shown} of {total} users</source>
        <translation>顯示 {shown} 位，共 {total} 位用戶</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No user matches the filter ({filter}).</source>
        <translation>沒有符合篩選條件（{filter}）的用戶。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Enable…</source>
        <translation>啟用…</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Disable User</source>
        <translation>停用用戶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable {user}?</source>
        <translation>確定停用 {user}？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>They are signed out everywhere at once and cannot sign in until enabled again. This is recorded.</source>
        <translation>該用戶會即時在所有地方登出，重新啟用前無法登入。此操作會被記錄。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enable User</source>
        <translation>啟用用戶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable {user}?</source>
        <translation>確定啟用 {user}？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable</source>
        <translation>啟用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>They can sign in again with their password and roles. This is recorded.</source>
        <translation>該用戶可再以其密碼及角色登入。此操作會被記錄。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+3"/>
        <source>Reset Password</source>
        <translation>重設密碼</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Give {user} a new one-time password?</source>
        <translation>確定向 {user} 發出新的一次性密碼？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Their password stops working and their sessions end now; they choose a new one when they sign in with the one-time password. This is recorded.</source>
        <translation>其現有密碼即時失效，所有登入亦會結束；用戶以一次性密碼登入時須設定新密碼。此操作會被記錄。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Filter by username, name or role (Ctrl+F)</source>
        <translation>按用戶名稱、姓名或角色篩選（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>WorkOrderDetail</name>
    <message>
        <location filename="../../ui/approvals/detail_panel.py" line="+40"/>
        <source>Select a work order to see its changes.</source>
        <translation>請選擇工單以查看變更內容。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading work order #{id}…</source>
        <translation>正在載入工單 #{id}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order #{id} could not be loaded: {reason}</source>
        <translation>無法載入工單 #{id}：{reason}</translation>
    </message>
    <message>
        <location line="+149"/>
        <source>Maker</source>
        <translation>發起人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Submitted At</source>
        <translation>提交時間</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../ui/approvals/order_trail.py" line="+47"/>
        <source>Level</source>
        <translation>級別</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Expires</source>
        <translation>到期時間</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resubmitted From</source>
        <translation>重新提交自</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{changed} changed · {new} new · {deleted} deleted · {unchanged} unchanged</source>
        <translation>修改 {changed} · 新增 {new} · 刪除 {deleted} · 不變 {unchanged}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Changes</source>
        <translation>變更內容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide unchanged rows</source>
        <translation>隱藏不變的行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decision Trail</source>
        <translation>審批記錄</translation>
    </message>
    <message>
        <location filename="../../ui/approvals/order_trail.py" line="+0"/>
        <source>Action</source>
        <translation>動作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>處理人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>At</source>
        <translation>時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment</source>
        <translation>意見</translation>
    </message>
    <message>
        <location filename="../../ui/approvals/order_warnings.py" line="+25"/>
        <source>Row {row}</source>
        <translation>第 {row} 行</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>and {count} more</source>
        <translation>另有 {count} 項</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warnings ({count})</source>
        <translation>提示（{count}）</translation>
    </message>
</context>
<context>
    <name>audit_actions</name>
    <message>
        <location filename="../../services/contract/audit.py" line="+147"/>
        <source>Sign-in and passwords</source>
        <translation>登入及密碼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work orders</source>
        <translation>工單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dated margin settings</source>
        <translation>保證金設置記錄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Help articles</source>
        <translation>幫助中心文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Article categories</source>
        <translation>文章分類</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fund clearing</source>
        <translation>基金清算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Users</source>
        <translation>用戶管理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approval delegations</source>
        <translation>審批委託</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed in</source>
        <translation>登入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-in failed</source>
        <translation>登入失敗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-in locked</source>
        <translation>登入已鎖定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed out</source>
        <translation>登出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password changed</source>
        <translation>已更改密碼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password change failed</source>
        <translation>更改密碼失敗</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline drafting granted</source>
        <translation>已授權離線草擬</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Work order submitted</source>
        <translation>提交工單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order approved</source>
        <translation>批准工單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order rejected</source>
        <translation>駁回工單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order withdrawn</source>
        <translation>撤回工單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order expired</source>
        <translation>工單已過期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change applied</source>
        <translation>變更已生效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approval transferred</source>
        <translation>轉交審批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order copied to</source>
        <translation>抄送工單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User created</source>
        <translation>新增用戶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User disabled</source>
        <translation>停用用戶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User enabled</source>
        <translation>啟用用戶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password reset</source>
        <translation>重設密碼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approvals delegated</source>
        <translation>委託審批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delegation revoked</source>
        <translation>撤銷委託</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dated setting applied</source>
        <translation>設置已生效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dated setting already live</source>
        <translation>設置已是現行數值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dated setting cancelled</source>
        <translation>已取消同步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message resent</source>
        <translation>重發消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Article copied</source>
        <translation>複製文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category created</source>
        <translation>新增分類</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category renamed</source>
        <translation>重新命名分類</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category moved</source>
        <translation>移動分類</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category hidden</source>
        <translation>隱藏分類</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category shown</source>
        <translation>顯示分類</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Categories reordered</source>
        <translation>調整分類次序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category deleted</source>
        <translation>刪除分類</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirmation imported</source>
        <translation>匯入確認單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Difference explained</source>
        <translation>說明差異</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subscriptions confirmed</source>
        <translation>申購核對確認</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redemptions confirmed</source>
        <translation>贖回核對確認</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subscription delivery</source>
        <translation>申購交割</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Redemption units delivery</source>
        <translation>贖回貨交割</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redemption cash delivery</source>
        <translation>贖回錢交割</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Difference limit set</source>
        <translation>設定差值上限</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>User</source>
        <translation>用戶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order</source>
        <translation>工單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Long stock margin</source>
        <translation>多頭股票保證金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short-sell margin</source>
        <translation>空頭保證金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intraday margin</source>
        <translation>日內交易實時保證金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message record</source>
        <translation>消息記錄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Help article</source>
        <translation>幫助中心文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Article category</source>
        <translation>文章分類</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fund clearing batch</source>
        <translation>基金清算批次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public fund</source>
        <translation>公募基金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approval delegation</source>
        <translation>審批委託</translation>
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
        <source>Too many failed sign-ins. Please wait a few minutes and try again.</source>
        <translation>登入失敗次數過多，請稍候幾分鐘再試。</translation>
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
        <source>This is more than the server accepts in one request.</source>
        <translation>內容超出伺服器單次請求可接受的大小。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s database is unavailable. Please try again later.</source>
        <translation>伺服器資料庫暫時無法使用，請稍後再試。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s database has not been upgraded to this version yet. Please ask your administrator.</source>
        <translation>伺服器資料庫尚未升級至此版本，請聯絡系統管理員。</translation>
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
        <source>You already decided a level of this work order; another approver must decide this one.</source>
        <translation>您已審批此工單的其中一級，本級須由另一位審批人處理。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Someone else decided this level of the work order first. Please refresh to see the level it awaits now.</source>
        <translation>此工單的這一級已由其他人先行審批，請重新整理查看目前待審批的級別。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This work order is no longer pending. Please refresh.</source>
        <translation>此工單已不在待審批狀態，請重新整理。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This setting record has already taken effect or been revoked. Please refresh.</source>
        <translation>此設置記錄已生效或已撤銷，請重新整理。</translation>
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
        <source>This message holds a one-time code and is never sent twice.</source>
        <translation>此訊息含一次性驗證碼，不會重發。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only SMS and Email messages can be resent; this one went by another channel.</source>
        <translation>只有短訊（SMS）及電郵（Email）消息可以重發；此消息經其他渠道發送。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This message was resent too often recently. Please wait before trying again.</source>
        <translation>此訊息近期重發次數過多，請稍後再試。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Too many rows to export at once. Narrow the filter, for example by date, and export again.</source>
        <translation>一次匯出的資料行過多。請收窄篩選條件（例如日期範圍）後再匯出。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An item changed after this was drafted. Compare and choose before submitting again.</source>
        <translation>起草後有項目已被修改。請比較並選擇後再重新提交。</translation>
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
        <location line="+1"/>
        <source>You are not an approver of this level of the work order; its approval chain names who decides it.</source>
        <translation>您不是此工單本級的審批人；審批人由其審批流程配置指定。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This person cannot take your place on this work order. Please choose someone from the list.</source>
        <translation>此人不能接手您在此工單的審批。請從名單中選擇。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This delegation has already ended or been revoked. Please refresh.</source>
        <translation>此委託已結束或已撤銷。請重新整理。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nobody but you could approve this: a level of its approval chain names no other active person. Ask an administrator to change the chain.</source>
        <translation>除您以外沒有人可審批：審批流程其中一級沒有其他有效人員。請聯絡管理員修改審批流程配置。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The confirmation file has errors; nothing was imported. See the rows listed.</source>
        <translation>確認檔案有錯誤，未有匯入任何資料。請查看所列的資料行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No confirmation from the fund house has been imported for this batch yet.</source>
        <translation>此批次尚未匯入基金公司的確認資料。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some lines of this side differ and are not explained yet. Explain each one before confirming.</source>
        <translation>此方有差異的資料行尚未說明。請逐一說明後再確認。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This side of the batch is already confirmed and can no longer change.</source>
        <translation>此批次的這一方已確認，不能再更改。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This line matches the confirmation; it needs no explanation.</source>
        <translation>此資料行與確認資料相符，無須說明。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some lines differ by the fund&apos;s difference limit or more; no explanation lets them through. Import a corrected confirmation.</source>
        <translation>部分明細的差值達基金差值上限或以上，說明亦不可確認。請匯入更正後的確認單。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This settlement step is out of order.</source>
        <translation>此交收步驟的次序不正確。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose your own password first: you signed in with a one-time password.</source>
        <translation>請先設定您自己的密碼：您是以一次性密碼登入的。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This username is taken, perhaps by a disabled user. Choose another.</source>
        <translation>此用戶名稱已被使用（可能屬已停用的用戶），請另選一個。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another administrator must do this for your own account.</source>
        <translation>您自己的帳戶須由另一位管理員處理。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This is the last active administrator: make another administrator first.</source>
        <translation>這是最後一位啟用中的管理員：請先設立另一位管理員。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nobody grants themselves rights: another administrator must request or decide this.</source>
        <translation>任何人均不可授權予自己：須由另一位管理員提出或審批。</translation>
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
        <location line="+1"/>
        <source>The server&apos;s certificate could not be verified. Check the server address, or ask your administrator for the server&apos;s CA certificate (--ca-file).</source>
        <translation>無法驗證伺服器的憑證。請檢查伺服器位址，或向系統管理員索取伺服器的 CA 憑證（--ca-file）。</translation>
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
    <name>flows</name>
    <message>
        <location filename="../../services/contract/flows.py" line="+99"/>
        <source>Upload long stock margin</source>
        <translation>上傳多頭股票保證金</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit long stock margin</source>
        <translation>修改多頭股票保證金</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create long stock margin</source>
        <translation>新增多頭股票保證金</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Batch delete long stock margin</source>
        <translation>批量刪除多頭股票保證金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete long stock margin</source>
        <translation>刪除多頭股票保證金</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Upload short-sell stock margin</source>
        <translation>上傳空頭股票保證金</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit short-sell stock margin</source>
        <translation>修改空頭股票保證金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set day-trade window</source>
        <translation>設置日內融時間</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upload intraday margin</source>
        <translation>上傳日內交易實時保證金</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create intraday margin</source>
        <translation>新增日內交易實時保證金</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Batch delete intraday margin</source>
        <translation>批量刪除日內交易實時保證金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete intraday margin</source>
        <translation>刪除日內交易實時保證金</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit intraday margin</source>
        <translation>修改日內交易實時保證金</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit article</source>
        <translation>編輯文章</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete article</source>
        <translation>刪除文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide article</source>
        <translation>隱藏文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show article</source>
        <translation>顯示文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change approval chain</source>
        <translation>修改審批流程配置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change user roles</source>
        <translation>變更用戶角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change role</source>
        <translation>變更角色</translation>
    </message>
</context>
<context>
    <name>menu</name>
    <message>
        <location filename="../../services/contract/menu.py" line="+40"/>
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
        <location line="+7"/>
        <source>Long Stock Margin</source>
        <translation>多頭股票保證金</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Margin</source>
        <translation>保證金</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stock Margin</source>
        <translation>股票保證金</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Short-Sell Margin</source>
        <translation>空頭保證金</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Intraday Real-Time Margin</source>
        <translation>日內交易實時保證金</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Setting Records</source>
        <translation>設置記錄</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draft Batches</source>
        <translation>草稿批次</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Approvals</source>
        <translation>工單審批</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Inbox</source>
        <translation>待辦</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>My Requests</source>
        <translation>已發起</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>History</source>
        <translation>已辦</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CC&apos;d to Me</source>
        <translation>抄送我的</translation>
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
        <source>Article Categories</source>
        <translation>文章分類</translation>
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
    <message>
        <location line="+6"/>
        <source>Identity</source>
        <translation>身份管理</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Users</source>
        <translation>用戶管理</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Roles</source>
        <translation>角色管理</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Audit Log</source>
        <translation>審計日誌</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Approval Flow Settings</source>
        <translation>審批流程配置</translation>
    </message>
    <message>
        <location filename="../../services/contract/permission_areas.py" line="+15"/>
        <source>System</source>
        <translation>系統</translation>
    </message>
</context>
<context>
    <name>permissions</name>
    <message>
        <location filename="../../ui/identity/permission_labels.py" line="+20"/>
        <source>Borrowing Accounts: view</source>
        <translation>借幣客戶：查閱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-Convert Query: view</source>
        <translation>自動還款開通查詢：查閱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Long Stock Margin: view</source>
        <translation>多頭股票保證金：查閱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short-Sell Margin: view</source>
        <translation>空頭保證金：查閱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intraday Real-Time Margin: view</source>
        <translation>日內交易實時保證金：查閱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day-trade window: view</source>
        <translation>日內融時間：查閱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft Batches: draft, also offline</source>
        <translation>草稿批次：起草（包括離線）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setting Records: view</source>
        <translation>設置記錄：查閱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setting Records: sync now</source>
        <translation>設置記錄：同步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setting Records: cancel sync</source>
        <translation>設置記錄：取消同步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approvals: inbox, my requests and history</source>
        <translation>工單審批：待我審批、我發起的及已處理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approvals: see every work order</source>
        <translation>工單審批：查閱所有工單</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message Records: view</source>
        <translation>消息記錄：查閱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message Records: resend</source>
        <translation>消息記錄：重發</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Articles: view</source>
        <translation>文章：查閱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Articles: copy</source>
        <translation>文章：複製</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Article Categories: manage</source>
        <translation>文章分類：管理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fund Clearing: view</source>
        <translation>基金清算：查閱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fund Clearing: confirm subscriptions</source>
        <translation>基金清算：申購核對確認</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fund Clearing: confirm redemptions</source>
        <translation>基金清算：贖回核對確認</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fund Clearing: explain differences</source>
        <translation>基金清算：說明差異</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fund Clearing: import confirmations</source>
        <translation>基金清算：匯入確認文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fund Clearing: subscription delivery</source>
        <translation>基金清算：申購交割</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fund Clearing: redemption units delivery</source>
        <translation>基金清算：贖回貨交割</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fund Clearing: redemption cash delivery</source>
        <translation>基金清算：贖回錢交割</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fund Clearing: set the difference limit</source>
        <translation>基金清算：設定差異上限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Users and Roles: administer</source>
        <translation>用戶及角色：管理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit checkpoints: view</source>
        <translation>審計檢查點：查閱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approval Flow Settings: view</source>
        <translation>審批流程配置：查閱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit Log: view, verify and export</source>
        <translation>審計日誌：查閱、驗證及匯出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Request: {flow}</source>
        <translation>提交：{flow}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve: {flow}</source>
        <translation>審批：{flow}</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <location filename="../../desktop/role_labels.py" line="+18"/>
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
<context>
    <name>rules</name>
    <message>
        <location filename="../../services/contract/reasons.py" line="+29"/>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>A financeable symbol needs IM below 100%.</source>
        <translation>可融資的股票，IM 須低於 100%。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{at} is outside the {market} trading session; the change first counts at the next open, {next_open}.</source>
        <translation>{at} 不在 {market} 交易時段內；該設置將於下一個開市時間 {next_open} 起實際生效。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only the system forbids short selling for a low lending pool: a row may keep it, not set it.</source>
        <translation>「系統自動禁止」只由系統按融券池數量設置：可保留現狀，不可自行設為此狀態。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The batch has no rows.</source>
        <translation>此批次沒有任何資料行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file is damaged or is not a workbook.</source>
        <translation>檔案已損壞或不是活頁簿。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>External link: only http:// and https:// addresses can be opened.</source>
        <translation>外鏈：只可使用 http:// 或 https:// 網址。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>External link: not a well-formed web address.</source>
        <translation>外鏈：網址格式不正確。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>External link: at most 2,000 characters.</source>
        <translation>外鏈：最多 2,000 個字元。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publish scenes: choose at least one.</source>
        <translation>發佈場景：請至少選擇一個。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publish scenes: not a scene this system knows.</source>
        <translation>發佈場景：不是本系統支援的場景。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visibility is chosen for a new article only: hide or show an existing one.</source>
        <translation>只有新文章可選擇是否顯示：現有文章請使用隱藏或顯示。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only a hidden article can be deleted: hide it first.</source>
        <translation>只有隱藏的文章可以刪除：請先隱藏。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It is already hidden.</source>
        <translation>已經是隱藏狀態。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It is already shown.</source>
        <translation>已經是顯示狀態。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing changed.</source>
        <translation>沒有任何更改。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The article does not exist or was deleted.</source>
        <translation>文章不存在或已被刪除。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The new order must name the whole list; reload it.</source>
        <translation>新順序須包含整個列表；請重新載入。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Category: it does not exist or was deleted.</source>
        <translation>分類：不存在或已被刪除。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name: control characters are not allowed.</source>
        <translation>名稱：不可包含控制字元。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name: another category under the same parent has it.</source>
        <translation>名稱：同一上級分類下已有同名分類。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent: a category cannot move under itself or its sub-categories.</source>
        <translation>上級分類：分類不可移至自身或其子分類之下。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Parent: categories nest at most three levels deep.</source>
        <translation>上級分類：分類最多三級。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The category still has articles: move or delete them first.</source>
        <translation>分類下仍有文章：請先移走或刪除。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The category has sub-categories: move or delete them first.</source>
        <translation>分類下有子分類：請先移走或刪除。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An article change awaiting approval names this category: delete it once that is decided.</source>
        <translation>有待審批的文章更改使用此分類：請待審批完成後再刪除。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approval level: name at least one person or role.</source>
        <translation>審批層級：請至少指定一位人員或一個角色。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Username: 3 to 64 lower-case letters, digits, “.”, “_” or “-”, starting with a letter or digit.</source>
        <translation>用戶名稱：3 至 64 個小寫英文字母、數字、「.」、「_」或「-」，須以字母或數字開頭。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Username: another user has it, perhaps a disabled one.</source>
        <translation>用戶名稱：已有其他用戶使用（可能是已停用的用戶）。</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>At most {max} characters.</source>
        <translation>最多 {max} 個字元。</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>&quot;{value}&quot; is not a number.</source>
        <translation>「{value}」不是數字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{value} is below 0.</source>
        <translation>{value} 低於 0。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{value} is above 100%.</source>
        <translation>{value} 高於 100%。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{value} is not between 0 and 1 (0% and 100%).</source>
        <translation>{value} 不在 0 至 1（0% 至 100%）之間。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{value} has more than {places} decimals.</source>
        <translation>{value} 超過 {places} 位小數。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Must be above 0, not {value}.</source>
        <translation>須大於 0，不可為 {value}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{value} has more than {digits} digits before the decimal point.</source>
        <translation>{value} 的整數部分超過 {digits} 位。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;{value}&quot; is not TRUE or FALSE.</source>
        <translation>「{value}」不是 TRUE 或 FALSE。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;{value}&quot; is not a whole number.</source>
        <translation>「{value}」不是整數。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;{value}&quot; is not a date and time such as 2026-01-02 09:30.</source>
        <translation>「{value}」不是日期時間（例如 2026-01-02 09:30）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;{value}&quot; is not a date such as 2024-09-23.</source>
        <translation>「{value}」不是日期（例如 2024-09-23）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;{value}&quot; is not one of {allowed}.</source>
        <translation>「{value}」不是以下其中之一：{allowed}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This value is not accepted here.</source>
        <translation>此處不接受這個值。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{value} is above IM ({limit}).</source>
        <translation>{value} 高於初始保證金比率 IM（{limit}）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{value} is above MCM ({limit}).</source>
        <translation>{value} 高於追繳保證金比率 MCM（{limit}）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{value} is above MM ({limit}).</source>
        <translation>{value} 高於維持保證金比率 MM（{limit}）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A symbol that is not financeable needs IM = 100%, not {value}.</source>
        <translation>不可融資的股票，初始保證金比率 IM 須為 100%，不可為 {value}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{value} is below the US Reg T floor of {floor}.</source>
        <translation>{value} 低於美股 Reg T 下限 {floor}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intraday IM {value} is above the overnight IM {overnight}.</source>
        <translation>日內初始保證金比率 IM {value} 高於隔夜的 {overnight}。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;{text}&quot; is not a symbol: expected CODE.MARKET such as 00700.HK or AAPL.US (letters A-Z, digits 0-9; markets HK, US, SH, SZ).</source>
        <translation>「{text}」不是股票代號：格式應為「代碼.市場」，例如 00700.HK 或 AAPL.US（只用字母 A-Z 及數字 0-9；市場為 HK、US、SH、SZ）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{symbol} already exists: edit it instead.</source>
        <translation>{symbol} 已存在：請改為修改該行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{symbol} trades in {listed}, not {market}.</source>
        <translation>{symbol} 於 {listed} 市場交易，不是 {market}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{symbol} is not a listed symbol.</source>
        <translation>{symbol} 不是上市股票。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{symbol} appears twice in this batch (first on row {first}).</source>
        <translation>{symbol} 在此批次中重複出現（首次見於第 {first} 行）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{symbol} has no live row to change.</source>
        <translation>{symbol} 沒有可修改的現行設置。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>More than the {max} rows one file or batch may hold.</source>
        <translation>超過一個檔案或批次可容納的 {max} 行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not an Excel workbook (.xlsx): open it in Excel, save it as an Excel workbook (.xlsx) and upload it again.</source>
        <translation>不是 Excel 活頁簿（.xlsx）：請用 Excel 開啟，另存為 Excel 活頁簿（.xlsx）後再上傳。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The workbook is password-protected: remove the password in Excel and upload it again.</source>
        <translation>此活頁簿設有密碼：請在 Excel 移除密碼後再上傳。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too large to read safely: delete what lies beyond the data and upload it again.</source>
        <translation>檔案太大，無法安全讀取：請刪除資料範圍以外的內容後再上傳。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Workbooks with macros are refused: save it as a plain Excel workbook (.xlsx) and upload it again.</source>
        <translation>不接受含巨集的活頁簿：請另存為一般 Excel 活頁簿（.xlsx）後再上傳。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The workbook&apos;s macros were ignored: only the values of its cells were read.</source>
        <translation>已略過活頁簿中的巨集：只讀取了儲存格的值。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sheet is empty: it needs a header row and rows under it.</source>
        <translation>工作表是空的：須有標題行及其下的資料行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Column {column}: &quot;{title}&quot; is not a column of this file; expected {expected}.</source>
        <translation>第 {column} 欄：「{title}」不是此檔案的欄位；應為：{expected}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Column {column} has values but no header.</source>
        <translation>第 {column} 欄有資料，但沒有標題。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Column {column}: &quot;{title}&quot; repeats column {first}.</source>
        <translation>第 {column} 欄：「{title}」與第 {first} 欄重複。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The column {header} is missing.</source>
        <translation>缺少「{header}」欄。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cell {cell} holds a formula; type its value instead (copy, paste values).</source>
        <translation>儲存格 {cell} 含有公式：請改為輸入其值（複製後選擇性貼上「值」）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cells {first}:{last} are merged; unmerge them so that each cell holds its own value.</source>
        <translation>儲存格 {first}:{last} 已合併：請取消合併，讓每個儲存格各有其值。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The CSV file is not UTF-8 text; save it as “CSV UTF-8” and upload it again.</source>
        <translation>CSV 檔案不是 UTF-8 文字：請另存為「CSV UTF-8」後再上傳。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file is not a CSV text file; save it as “CSV UTF-8” and upload it again.</source>
        <translation>此檔案不是 CSV 文字檔：請另存為「CSV UTF-8」後再上傳。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;{value}&quot; is not an order reference; a reference is text or a number.</source>
        <translation>「{value}」不是委託編號：委託編號須為文字或數字。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;{value}&quot; looks like a formula; an order reference is plain text.</source>
        <translation>「{value}」看似公式：委託編號須為純文字。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;{value}&quot; is an offer-period subscription, which is not cleared here; a dealing-day subscription is Subscription (申購).</source>
        <translation>「{value}」是募集期間的認購，本系統不作清算；交易日的申購請填寫「申購」。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A subscription&apos;s confirmed units are required.</source>
        <translation>申購須填寫確認份額。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A redemption&apos;s confirmed amount is required.</source>
        <translation>贖回須填寫確認金額。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{ref} repeats row {first}.</source>
        <translation>{ref} 與第 {first} 行重複。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This side of the batch is already confirmed; a corrected file holds only the side still open.</source>
        <translation>此批次的此方向已確認；更正檔案只可包含尚未確認的方向。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>NAV {nav} differs from {first_nav} on row {first}; the rows of one side take one NAV.</source>
        <translation>基金淨值 {nav} 與第 {first} 行的 {first_nav} 不同；同一方向的各行須使用同一基金淨值。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>NAV date {date} differs from {first_date} on row {first}; the rows of one side take the NAV of one date.</source>
        <translation>淨值日期 {date} 與第 {first} 行的 {first_date} 不同；同一方向的各行須使用同一淨值日期。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>NAV date {date} is before the trade date {trade_date}; a fund deals at the NAV of the trade date or later.</source>
        <translation>淨值日期 {date} 早於交易日 {trade_date}；基金按交易日或其後的淨值交易。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The batch holds {ref} on the other side.</source>
        <translation>此批次中 {ref} 屬另一方向。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown market &quot;{market}&quot;.</source>
        <translation>未知的市場「{market}」。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{market} trades in {expected}, not {time_zone}.</source>
        <translation>{market} 市場的時區是 {expected}，不是 {time_zone}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{time} is outside the {market} session {session}.</source>
        <translation>{time} 不在 {market} 市場的交易時段（{session}）內。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Force-close {force_close} must be after the start {start}.</source>
        <translation>強制平倉時間 {force_close} 須晚於開始時間 {start}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Force-close {force_close} must not be after the end {end}.</source>
        <translation>強制平倉時間 {force_close} 不可晚於結束時間 {end}。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Name: at most {max} characters.</source>
        <translation>名稱：最多 {max} 個字元。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Code: 2 to 64 lower-case letters, digits or “_”, starting with a letter.</source>
        <translation>代碼：2 至 64 個小寫英文字母、數字或「_」，須以字母開頭。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Code: a role has it already; edit that role instead.</source>
        <translation>代碼：已有角色使用此代碼；請改為修改該角色。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{code} is not a permission code.</source>
        <translation>{code} 不是有效的權限代碼。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no role {code}.</source>
        <translation>沒有角色 {code}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user does not exist.</source>
        <translation>該用戶不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The administrator role holds every permission and cannot be edited.</source>
        <translation>系統管理員角色擁有所有權限，不可修改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The last active administrator keeps the role: make another administrator first.</source>
        <translation>最後一位啟用中的管理員必須保留此角色：請先設立另一位管理員。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nobody grants themselves rights: another administrator must.</source>
        <translation>任何人均不可授權予自己：須由另一位管理員處理。</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Condition: a number of 0 or more, at most four decimals.</source>
        <translation>條件：須為 0 或以上的數字，最多四位小數。</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>There is no user {user}.</source>
        <translation>沒有用戶 {user}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A person or role is named twice in one list.</source>
        <translation>同一名單內重複指定了人員或角色。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no such approval flow.</source>
        <translation>沒有此審批流程。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This flow has no approval chain of its own to remove.</source>
        <translation>此流程沒有自己的審批流程配置可移除。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This approval level names no active person other than you.</source>
        <translation>此審批層級除您以外沒有其他有效人員。</translation>
    </message>
</context>
<context>
    <name>summaries</name>
    <message>
        <location filename="../../services/contract/summaries.py" line="+25"/>
        <source>{symbol} {ratios}</source>
        <translation>{symbol} {ratios}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit {count} rows: {symbols}</source>
        <translation>修改 {count} 行：{symbols}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit {count} rows: {symbols} and {more} more</source>
        <translation>修改 {count} 行：{symbols} 等另 {more} 個</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete {symbol}</source>
        <translation>刪除 {symbol}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete {count} symbols: {symbols}</source>
        <translation>刪除 {count} 隻股票：{symbols}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete {count} symbols: {symbols} and {more} more</source>
        <translation>刪除 {count} 隻股票：{symbols} 等另 {more} 隻</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upsert {count} rows ({markets})</source>
        <translation>新增或更新 {count} 行（{markets}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace {count} rows ({markets})</source>
        <translation>整表替換為 {count} 行（{markets}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{market} {start}–{force_close}–{end}</source>
        <translation>{market} {start}–{force_close}–{end}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{market} {start}–{force_close}–{end} (disabled)</source>
        <translation>{market} {start}–{force_close}–{end}（已停用）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New article ({language}): {title}</source>
        <translation>新文章（{language}）：{title}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New article ({language}, visible): {title}</source>
        <translation>新文章（{language}，顯示）：{title}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit article #{article}: {title}</source>
        <translation>編輯文章 #{article}：{title}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reorder {count} articles of category #{category} ({language})</source>
        <translation>調整分類 #{category} 的 {count} 篇文章排序（{language}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete article #{article}</source>
        <translation>刪除文章 #{article}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide article #{article}</source>
        <translation>隱藏文章 #{article}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show article #{article}</source>
        <translation>顯示文章 #{article}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles of {username}: {roles}</source>
        <translation>{username} 的角色：{roles}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles of {username}: none</source>
        <translation>{username} 的角色：無</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role {code} ({name}): {count} permissions</source>
        <translation>角色 {code}（{name}）：{count} 項權限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{flow}: {levels} level(s)</source>
        <translation>{flow}：{levels} 級審批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{flow}: chain removed</source>
        <translation>{flow}：移除審批流程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default chain: {levels} level(s)</source>
        <translation>預設審批流程：{levels} 級審批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default chain: chain removed</source>
        <translation>預設審批流程：已移除</translation>
    </message>
</context>
</TS>
