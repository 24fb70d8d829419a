"""Chinese articles for the synthetic corpus: WeChat exports, newsflashes, digests, long reads, non-deals."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from benchmarks import corpus_vocab as v
from benchmarks.corpus_deals import (
    STAGES,
    Company,
    Deal,
    World,
    fresh,
    join_zh,
    nice_amount,
    zh_money,
    zh_when,
)

SCHOOLS = (
    "清华大学",
    "北京大学",
    "浙江大学",
    "上海交通大学",
    "中国科学技术大学",
    "哈尔滨工业大学",
    "斯坦福大学",
    "麻省理工学院",
)
PROVINCES = ("北京", "上海", "广东", "浙江", "江苏", "四川", "湖北", "安徽", "陕西", "福建")

FACTS = (
    "{company}成立于{founded}年，总部位于{city}，专注于{product}的研发与商业化。",
    "公司创始人兼CEO{founder}毕业于{school}，此前在行业头部企业负责{product}相关业务长达{n1}年。",
    "目前，{company}的产品已在{customer}中落地，累计交付超过{n3}台（套）。",
    "据介绍，{company}团队规模已超过{n3}人，其中研发人员占比约{pct}%。",
    "{year}年，公司推出首款{product}，并先后与{n2}家{customer}签订合作协议。",
    "与海外同类产品相比，{company}的方案在成本上有明显优势，部分核心部件已实现国产化。",
    "{founder}告诉记者，公司的目标是在三年内把{product}的成本降低一半。",
    "在{city}，{company}建成了约{n4}平方米的研发中心和一条小批量试产线。",
    "{company}的核心团队来自{school}、{school2}等高校，以及多家知名科技公司。",
    "截至目前，公司已申请专利{n3}项，其中发明专利{n2}项。",
    "从商业模式看，{company}采取“硬件+软件订阅”的方式，单个客户的年均贡献逐年提高。",
    "去年下半年起，公司订单开始明显放量，{customer}成为增长最快的客户群体。",
    "{company}方面透露，今年的目标是实现{product}的规模化交付。",
    "谈及竞争，{founder}认为，{sector}行业最终比拼的是工程化能力，而不是单点技术。",
    "和许多同行不同，{company}从第一天起就选择自建产线，这让它在交付周期上更有把握。",
    "公司相关负责人表示，下一步将围绕{product}持续投入，同时探索在{customer}场景中的应用。",
    "据了解，{company}已与{n2}家{customer}开展试点合作，部分项目已进入批量采购阶段。",
    "在产品层面，{company}形成了以{product}为核心、{product2}为补充的产品矩阵。",
    "{company}联合创始人{person}此前在海外工作近{n1}年，主导过多款产品从0到1的落地。",
    "公司在{city2}设有子公司，负责当地的销售与售后服务。",
    "根据规划，{company}将在{year2}年前完成第二代{product}的定型。",
    "不过，{founder}也坦言，{product}在可靠性和成本上仍有不少难题需要攻克。",
    "今年以来，{company}新签合同额同比增长约{pct}%，在手订单较为充足。",
    "值得一提的是，{company}还入选了{city}市专精特新中小企业名单。",
    "人才方面，公司今年计划新增研发人员{n2}名，重点补充算法和系统工程岗位。",
    "{founder}把公司的方法论总结为“先做深一个场景，再复制到更多场景”。",
    "早期，团队花了将近两年时间打磨{product}的样机，期间几乎没有任何收入。",
    "如今，{company}每月的出货量已稳定在{n3}台左右，良品率提升到{pct2}%。",
    "{company}的第一个付费客户来自{city2}，合同金额不大，但让团队第一次跑通了交付流程。",
    "目前公司约{pct}%的收入来自{customer}，其余来自海外渠道。",
    "{founder}坦言，创业前三年最难的不是技术，而是找到愿意第一个吃螃蟹的客户。",
    "公司在研发上的投入占营收比重常年保持在{pct}%以上。",
    "{company}与{school}共建了联合实验室，重点攻关{product}的关键材料和工艺。",
    "据{company}介绍，其{product}已通过多项行业认证，并进入了{n2}家{customer}的供应商名录。",
    "今年上半年，{company}在{city2}落地了第二条产线，设计年产能约{n3}台。",
    "{company}的客户复购率超过{pct2}%，这是投资人最看重的指标之一。",
    "一位接近公司的人士透露，{company}今年有望实现单月盈亏平衡。",
)
OPENERS = (
    "",
    "",
    "",
    "据介绍，",
    "记者了解到，",
    "值得注意的是，",
    "事实上，",
    "另一方面，",
    "此外，",
    "与此同时，",
    "公开资料显示，",
)
MARKET = (
    "据行业机构测算，{year}年国内{sector}市场规模约为{m1}亿元，预计到{year2}年将突破{m2}亿元。",
    "过去两年，{sector}赛道的融资事件明显增多，仅今年上半年就有{n2}家企业获得融资。",
    "业内人士指出，随着政策支持力度加大，{sector}正迎来新一轮发展窗口期。",
    "也有投资人提醒，{sector}领域估值普遍偏高，部分项目的商业化进展低于预期。",
    "从全球来看，海外{sector}公司同样受到资本追捧，头部企业估值已达数十亿美元。",
    "{year}年被不少从业者称为{sector}的“量产元年”，头部企业纷纷扩产。",
    "一级市场整体仍处于调整期，但硬科技方向的项目依然更容易获得资金青睐。",
    "有分析人士认为，未来三到五年，{sector}行业将经历一轮明显的洗牌。",
    "据不完全统计，{year}年{sector}领域共发生融资事件{n3}起，同比增长{pct}%。",
    "地方政府也在加码布局，{city}、{city2}等地相继设立了{sector}专项产业基金。",
    "多位受访者认为，{sector}的下半场将从拼参数转向拼交付和服务。",
    "今年前三季度，{sector}相关上市公司的平均毛利率约为{pct}%，较去年同期有所下滑。",
    "{city}一位产业投资人告诉记者，今年看过的{sector}项目超过{n2}个，最终出手的不到五个。",
    "海外市场成为不少{sector}企业的新增长点，东南亚和中东的订单增长尤其明显。",
    "在资本市场，{sector}概念股近期波动加大，部分个股年内涨幅超过{pct}%。",
)
QUOTES = (
    "我们长期关注{sector}领域，{company}团队在{product}方向上的积累令人印象深刻",
    "{company}是我们见过的在工程化能力上最扎实的团队之一",
    "{sector}正处在从技术突破走向商业落地的拐点，我们愿意陪伴优秀的创业者走得更远",
    "我们看重的是团队对客户需求的深刻理解，以及快速迭代产品的能力",
    "过去一年公司的进展超出了我们的预期，这也是我们继续加注的原因",
    "{product}的市场空间很大，{company}已经证明了其技术路线的可行性",
    "好的硬科技公司既要有技术深度，也要有把产品卖出去的能力，{company}两者兼具",
)
ATTRIBUTION = (
    "{inv}合伙人{person}表示",
    "{inv}管理合伙人{person}认为",
    "{inv}投资副总裁{person}说",
    "{inv}董事总经理{person}表示",
)
FOUNDER_QUOTES = (
    "本轮融资将帮助我们加快{use}的节奏",
    "我们会把更多资源投入到{use}上，争取明年实现盈亏平衡",
    "资本寒冬里还能得到投资人的认可，对团队是很大的鼓舞",
    "接下来最重要的事情，是把{product}真正送到客户手里",
)


class ZhWriter:
    """Writes Chinese articles about rounds drawn from a `World`."""

    def __init__(self, rng: random.Random, world: World) -> None:
        self.rng = rng
        self.world = world
        self.used: set[str] = set()  # filler sentences already in the article being written

    # ----------------------------------------------------------------------- pieces

    def slots(self, c: Company) -> dict[str, object]:
        r = self.rng
        year = r.randint(2019, 2024)
        return {
            "company": c.org.zh,
            "founded": c.founded,
            "city": c.city_zh,
            "city2": r.choice(v.ZH_CITIES),
            "founder": c.founder_zh,
            "person": self.world.person("zh"),
            "school": r.choice(SCHOOLS),
            "school2": r.choice(SCHOOLS),
            "product": r.choice(c.sector.zh_products),
            "product2": r.choice(c.sector.zh_products),
            "customer": r.choice(c.sector.zh_customers),
            "sector": c.sector.zh,
            "year": year,
            "year2": year + r.randint(2, 6),
            "n1": r.randint(3, 15),
            "n2": r.randint(3, 60),
            "n3": r.randint(50, 3000),
            "n4": r.randint(800, 20000),
            "pct": r.randint(12, 90),
            "pct2": r.randint(90, 99),
            "m1": r.randint(50, 900),
            "m2": r.randint(1000, 9000),
            "inv": self.world.investor().zh,
            "use": v.ZH_USES[r.randrange(len(v.ZH_USES))],
        }

    def filler(self, c: Company, pools: tuple[tuple[str, ...], ...] = (FACTS, FACTS, MARKET)) -> str:
        r = self.rng
        s = self.slots(c)
        out = []
        for _ in range(r.randint(2, 4)):
            template = fresh(r, pools, self.used)
            # A connective goes only before a name: "此外，据介绍，…" stacks two of them.
            out.append((r.choice(OPENERS) if template.startswith("{") else "") + template.format(**s))
        return "".join(out)

    def quote(self, deal: Deal) -> str:
        r = self.rng
        s = self.slots(deal.company)
        if r.random() < 0.4:
            return f"“{r.choice(FOUNDER_QUOTES).format(**s)}。”{deal.company.founder_zh}说。"
        inv = (deal.leads or deal.follows or (self.world.investor(),))[0].zh
        who = r.choice(ATTRIBUTION).format(inv=inv, person=s["person"])
        return f"{who}：“{r.choice(QUOTES).format(**s)}。”"

    def stage(self, deal: Deal) -> str:
        words = STAGES[deal.stage][0]
        if words.endswith("轮") and len(words) <= 3 and self.rng.random() < 0.3:
            words = words[:-1] + " 轮"  # WeChat writers often space the letter from 轮
        if words.endswith("轮") and self.rng.random() < 0.7:
            words += "融资"
        return words

    def name(self, deal: Deal) -> str:
        r, c = self.rng, deal.company
        pick = r.random()
        if pick < 0.25:
            return f"{c.city_zh}{c.sector.zh}企业{c.org.zh}"
        if pick < 0.45:
            return f"{r.choice(c.sector.zh_products)}研发商{c.org.zh}"
        if pick < 0.55 and c.org.en != c.org.zh:
            return f"{c.org.zh}（{c.org.en}）"
        return c.org.zh

    def lead(self, deal: Deal, published: date) -> str:
        """The sentence that reports the round."""
        r = self.rng
        c = self.name(deal)
        when = zh_when(r, deal.event, published)
        amt = zh_money(r, deal.value, deal.currency, deal.hedge)
        st = self.stage(deal)
        if not st.endswith("融资"):
            st = st if deal.stage in ("strategic", "unknown") else st + "融资"
        money = amt or ""
        if deal.status == "completed":
            if amt is None:
                text = r.choice(
                    (f"{c}{when}完成{st}，具体金额未披露", f"{when}，{c}宣布完成{st}，融资金额未透露")
                )
            else:
                text = r.choice(
                    (
                        f"{when}，{c}宣布完成{money}{st}",
                        f"{c}{when}完成{money}{st}",
                        f"{when}，{c}获得{money}{st}",
                        f"{c}已于{when}完成{st}，融资金额为{money}",
                        f"{r.choice(v.ZH_OUTLETS)}获悉，{c}{when}完成了{money}{st}",
                    )
                )
        elif deal.status == "announced":
            lead = deal.leads[0].zh if deal.leads else "投资方"
            text = r.choice(
                (f"{when}，{c}宣布将获得{lead}{money}投资", f"{c}{when}与{lead}签署{money}{st}协议")
            )
        elif deal.status == "in_talks":
            text = r.choice(
                (
                    f"据知情人士透露，{c}正在洽谈{money}的{st}",
                    f"{c}正寻求新一轮融资，目标规模{money or '尚未确定'}",
                )
            )
        elif deal.status == "planned":
            text = r.choice((f"{c}拟启动{st}，计划募资{money or '若干'}", f"{c}计划在年内完成{money}{st}"))
        elif deal.status == "rumored":
            text = r.choice(
                (f"消息称，{c}已完成{money}{st}，公司方面暂未回应", f"据报道，{c}{when}获得{money}融资")
            )
        else:
            text = r.choice((f"{c}此前披露的{money}{st}已终止", f"据悉，{c}与投资方的{st}谈判已经取消"))
        if deal.valuation and r.random() < 0.8:
            val = zh_money(r, deal.valuation, deal.currency, "exact")
            text += r.choice((f"，投后估值达{val}", f"，估值超{val}", f"，本轮投后估值约{val}"))
        return text + "。"

    def investors(self, deal: Deal) -> str:
        r = self.rng
        leads = [o.zh for o in deal.leads]
        follows = [o.zh for o in deal.follows]
        out = ""
        if leads and follows:
            out = r.choice(
                (
                    f"本轮融资由{join_zh(leads)}领投，{join_zh(follows)}跟投。",
                    f"本轮由{join_zh(leads)}领投，{join_zh(follows)}参投。",
                    f"{join_zh(leads)}领投了本轮融资，{join_zh(follows)}等机构跟投。",
                )
            )
        elif len(leads) == 1:
            out = r.choice((f"本轮融资由{leads[0]}独家投资。", f"本轮由{leads[0]}领投。"))
        elif leads:
            out = f"本轮由{join_zh(leads)}联合领投。"
        elif follows:
            out = r.choice((f"投资方包括{join_zh(follows)}。", f"参与本轮投资的机构有{join_zh(follows)}。"))
        if deal.existing:
            names = join_zh([o.zh for o in deal.existing])
            out += r.choice((f"老股东{names}继续追加投资。", f"{names}等老股东持续加码。"))
        if r.random() < 0.3:
            out += f"{r.choice(v.ZH_ADVISERS)}担任本轮独家财务顾问。"
        if r.random() < 0.7:
            out += f"本轮融资将主要用于{v.ZH_USES[deal.uses[0]]}和{r.choice(v.ZH_USES)}。"
        return out

    def background(self, deal: Deal) -> str:
        r = self.rng
        c = deal.company.org.zh
        inv = self.world.investor().zh
        amt = (
            zh_money(r, nice_amount(r, 2e6, 5e7), "CNY", r.choice(("exact", "under", "vague"))) or "数千万元"
        )
        return r.choice(
            (
                f"此前，{c}曾于{deal.event.year - 1}年获得{inv}的{amt}天使轮融资。",
                f"这是{c}成立以来的第{r.randint(2, 6)}轮融资，上一轮融资由{inv}领投。",
                f"{c}上一轮融资发生在去年，由{inv}投资，金额为{amt}。",
            )
        )

    def metric(self, deal: Deal) -> str:
        r = self.rng
        c = deal.company.org.zh
        amt = (
            zh_money(r, nice_amount(r, 1e7, 2e9), "CNY", r.choice(("exact", "over", "approximate")))
            or "数亿元"
        )
        return r.choice(
            (
                f"公司{deal.event.year - 1}年营收已突破{amt}，同比增长{r.randint(20, 300)}%。",
                f"截至目前，{c}累计融资额已超过{amt}。",
                f"截至目前，平台注册用户已超过{r.randint(10, 900)}万。",
                f"公司年度经常性收入（ARR）已达{amt}。",
                f"据了解，{c}今年的销售目标是{amt}。",
            )
        )

    def title(self, deal: Deal) -> str:
        r = self.rng
        c = deal.company.org.zh
        amt = zh_money(r, deal.value, deal.currency, deal.hedge if deal.hedge != "range" else "exact") or ""
        st = STAGES[deal.stage][0]
        st = st if st.endswith("融资") else st + "融资"
        lead = deal.leads[0].zh if deal.leads else ""
        if deal.status == "in_talks":
            val = zh_money(r, deal.valuation or deal.value * 8, deal.currency, "over")
            return r.choice((f"独家｜{c}正洽谈新一轮融资，估值或超{val}", f"{c}被曝洽谈{st}"))
        if deal.status == "planned":
            return f"{c}拟融资{amt or '数亿元'}，加码{r.choice(deal.company.sector.zh_products)}"
        if deal.status == "rumored":
            return r.choice((f"传{c}完成{amt}融资", f"消息称{c}已获新一轮融资"))
        if deal.status == "announced":
            return f"{c}宣布将获{lead or '产业资本'}{amt}投资"
        if deal.status == "cancelled":
            return f"{c}{st}告吹"
        options = [
            f"首发｜{c}获{amt}{st}",
            f"{deal.company.sector.zh}赛道再迎融资：{c}完成{st}",
            f"{c}宣布完成{amt}{st}，加速{r.choice(deal.company.sector.zh_products)}量产",
            f"{deal.company.city_zh}{deal.company.sector.zh}企业{c}获{amt}融资",
        ]
        if lead:
            options += [f"{c}完成{amt}{st}，{lead}领投", f"{lead}领投，{c}完成{amt}{st}"]
        return r.choice(options)

    def story(self, deal: Deal, published: date, target: int) -> list[str]:
        """The paragraphs of a one-deal article, padded with context to about `target` characters."""
        r = self.rng
        self.used.clear()
        paras = [self.lead(deal, published) + self.investors(deal)]
        tail = [self.quote(deal)]
        if r.random() < 0.3:
            tail.append(self.background(deal))
        if r.random() < 0.4:
            tail.append(self.metric(deal) + self.filler(deal.company, (FACTS,)))
        size = sum(len(p) for p in paras + tail)
        middle: list[str] = []
        while size < target:
            middle.append(self.filler(deal.company))
            size += len(middle[-1])
        for p in tail:
            middle.insert(r.randint(0, len(middle)), p)
        return paras + middle

    # ----------------------------------------------------------------------- article shapes

    def wechat(self, published: datetime, target: int, *, long_read: bool = False) -> str:
        r = self.rng
        deal = self.world.deal("zh", published.date())
        title = self.title(deal)
        head = [
            f"# {title}",
            "",
            f"文章作者: {r.choice(v.ZH_OUTLETS)}",
            f"发布时间: {published:%Y-%m-%d %H:%M}",
        ]
        if r.random() < 0.6:
            head.append(f"发布地: {r.choice(PROVINCES)}")
        head.append(
            f"原文链接: http://mp.weixin.qq.com/s?__biz=Mz{r.getrandbits(40):x}==&mid={r.randint(10**9, 10**10)}#rd"
        )
        head += ["", f"封面图链接: https://img.example.invalid/cover/{r.getrandbits(48):012x}.jpg", ""]
        paras = self.story(deal, published.date(), target)
        paras[0] = paras[0].replace(deal.company.org.zh, f"**{deal.company.org.zh}**", 1)
        if long_read:
            paras = self.long_sections(deal, paras, target)
        elif r.random() < 0.5:
            paras.insert(
                2 if len(paras) > 2 else 1, f"![](https://img.example.invalid/{r.getrandbits(32):08x}.jpg)"
            )
        return "\n".join(head) + "\n" + "\n\n".join(paras) + "\n\n" + self.footer(published.date()) + "\n"

    def long_sections(self, deal: Deal, paras: list[str], target: int) -> list[str]:
        r = self.rng
        heads = (
            "## 一、从实验室到产线",
            "## 二、为什么是现在",
            "## 三、客户怎么说",
            "## 四、融资之路",
            "## 五、下一步",
        )
        out = paras[:2]
        per = max(1, (len(paras) - 2) // len(heads))
        for i, h in enumerate(heads):
            out.append(h)
            out += paras[2 + i * per : 2 + (i + 1) * per]
            if h.startswith("## 四"):
                out += [
                    f"- {deal.event.year - k}年：{r.choice(('天使轮', 'Pre-A轮', 'A轮'))}，{self.world.investor().zh}投资"
                    for k in (3, 2, 1)
                ]
            if h.startswith("## 五"):
                s = self.slots(deal.company)
                out.append(f"问：{s['product']}什么时候能大规模商用？")
                out.append(
                    f"{deal.company.founder_zh}：我们判断还需要{r.randint(2, 5)}年，但部分场景已经跑通了。"
                )
        return out

    def footer(self, published: date) -> str:
        r = self.rng
        pick = r.random()
        if pick < 0.4:
            titles = [self.title(self.world.other_deal("zh", published)) for _ in range(r.randint(2, 3))]
            return "END\n\n推荐阅读\n\n" + "\n".join(f"- {t}" for t in titles)
        if pick < 0.7:
            return f"本文为{r.choice(v.ZH_OUTLETS)}原创，转载请联系授权。"
        return "（本文仅代表作者观点，不构成投资建议）"

    def newsflash(self, published: datetime, target: int) -> str:
        r = self.rng
        deal = self.world.deal("zh", published.date())
        stamp = (
            f"{published:%Y-%m-%d %H:%M}"
            if r.random() < 0.5
            else f"{published.year}年{published.month}月{published.day}日 {published:%H:%M}"
        )
        opener = r.choice(("{o}获悉，", "{o}{m}月{d}日消息，", "")).format(
            o=r.choice(v.ZH_OUTLETS), m=published.month, d=published.day
        )
        paras = self.story(deal, published.date(), target)
        return f"{self.title(deal)}\n{stamp}\n\n{opener}" + "\n\n".join(paras) + "\n"

    def frontmatter(self, published: datetime, target: int) -> str:
        r = self.rng
        deal = self.world.deal("zh", published.date())
        tags = ", ".join(("融资", deal.company.sector.zh, r.choice(("早期投资", "硬科技", "创投"))))
        fm = (
            f'---\ntitle: "{self.title(deal)}"\ndate: {published:%Y-%m-%d}\nauthor: {r.choice(v.ZH_OUTLETS)}\n'
            f"url: https://news.example.invalid/a/{r.getrandbits(40):x}\ntags: [{tags}]\n---\n\n"
        )
        return fm + "\n\n".join(self.story(deal, published.date(), target)) + "\n"

    def digest(self, published: datetime, target: int) -> tuple[str, str]:
        r = self.rng
        day = published.date()
        deals = [self.world.other_deal("zh", day) for _ in range(r.randint(6, 10))]
        start = day - timedelta(days=6)
        sector = deals[0].company.sector.zh
        title = r.choice(
            (
                f"投融资周报｜{day.month}月第{(day.day - 1) // 7 + 1}周，{len(deals)}家企业获融资",
                f"融资快报（{day.month}月{day.day}日）：{deals[0].company.org.zh}、{deals[1].company.org.zh}等{len(deals)}家公司获投",
                f"本周{sector}领域融资盘点",
            )
        )
        total = r.randint(5, 80)
        paras = [
            f"本周（{start.month}月{start.day}日-{day.month}月{day.day}日），{r.choice(v.ZH_OUTLETS)}共追踪到国内"
            f"{r.randint(20, 90)}起投融资事件，披露总金额约{total}亿元。以下为部分值得关注的项目。"
        ]
        style = r.randrange(3)
        per = max(80, (target - 200) // len(deals))
        for i, d in enumerate(deals, 1):
            head = (f"{i}. {d.company.org.zh}", f"**{i}、{d.company.org.zh}**", f"【{d.company.org.zh}】")[
                style
            ]
            body = self.lead(d, day) + self.investors(d)
            while len(body) < per * 0.6:
                body += self.filler(d.company, (FACTS,))
            paras += [head, body]
        paras.append(f"以上信息由{r.choice(v.ZH_OUTLETS)}根据公开资料整理，如有疏漏欢迎指正。")
        if r.random() < 0.5:
            return "txt", f"{title}\n{published:%Y-%m-%d}\n\n" + "\n\n".join(paras) + "\n"
        return (
            "md",
            f"# {title}\n\n文章作者: {r.choice(v.ZH_OUTLETS)}\n发布时间: {published:%Y-%m-%d %H:%M}\n\n"
            + "\n\n".join(paras)
            + "\n",
        )

    def other(self, published: datetime, target: int) -> tuple[str, str]:
        """An article with money and numbers that reports no round (revenue, fund close, IPO, M&A...)."""
        r = self.rng
        w = self.world
        company = w.new_company("zh")
        c = company.org.zh
        inv = w.investor().zh
        amt = zh_money(r, nice_amount(r, 1e8, 5e10), "CNY", "exact") or "10亿元"
        amt2 = zh_money(r, nice_amount(r, 1e7, 1e9), "CNY", r.choice(("exact", "over"))) or "1亿元"
        pct = r.randint(5, 180)
        y = published.year - 1
        kind = r.randrange(7)
        if kind == 0:
            title = f"{c}发布{y}年业绩：营收{amt}，同比增长{pct}%"
            lead = f"{c}{published.month}月{published.day}日发布{y}年度业绩，全年实现营业收入{amt}，同比增长{pct}%；净利润{amt2}，毛利率{r.randint(15, 60)}%。研发投入占营收比重约{r.randint(5, 30)}%。"
        elif kind == 1:
            title = f"{inv}完成{amt}新一期基金募集"
            lead = f"{inv}宣布完成第{r.randint(2, 8)}期人民币基金的最终关账，基金规模{amt}，出资人包括多家地方引导基金和市场化母基金。该基金将重点投资{company.sector.zh}等硬科技方向。截至目前，{inv}管理资产规模超过{amt2}。"
        elif kind == 2:
            title = f"{c}登陆港交所，首日市值{amt}港元"
            lead = f"{c}今日在港交所主板挂牌上市，发行价每股{r.randint(5, 80)}港元，募资净额约{amt2}港元，首日收涨{pct % 60}%。"
        elif kind == 3:
            title = f"{y}年{company.sector.zh}行业报告：市场规模突破{amt}"
            lead = f"报告显示，{y}年中国{company.sector.zh}市场规模达到{amt}，同比增长{pct}%，预计到{y + 5}年将超过{r.randint(2, 9)}000亿元。"
        elif kind == 4:
            title = f"{inv}拟以{amt2}收购{c}{r.randint(10, 100)}%股权"
            lead = f"{published.month}月{published.day}日晚间，上市公司公告称，拟以现金{amt2}收购{c}部分股权，交易完成后{c}将纳入合并报表范围。"
        elif kind == 5:
            title = f"{c}发布新一代{r.choice(company.sector.zh_products)}，起售价{r.randint(2, 90)}万元"
            lead = f"{c}今日举行新品发布会，推出新一代产品，官方称其性能较上一代提升{pct}%，首批订单已超过{r.randint(100, 5000)}台。"
        else:
            title = f"{company.city_zh}出台{company.sector.zh}产业支持政策，单个项目最高补贴{amt2}"
            lead = f"{company.city_zh}日前印发支持{company.sector.zh}产业发展的若干措施，对符合条件的项目给予最高{amt2}的资金支持，并设立规模{amt}的产业基金。"
        paras = [lead]
        self.used.clear()
        # Fund closes, market reports and policies are about no single company: market talk only.
        pools = (MARKET, FACTS) if kind in (0, 2, 4, 5) else (MARKET,)
        target = target if kind in (0, 2, 4, 5) else min(target, 1200)
        while sum(len(p) for p in paras) < target:
            paras.append(self.filler(company, pools))
        if r.random() < 0.5:
            return (
                "txt",
                f"{title}\n{published.year}年{published.month}月{published.day}日\n\n"
                + "\n\n".join(paras)
                + "\n",
            )
        return (
            "md",
            f"# {title}\n\n文章作者: {r.choice(v.ZH_OUTLETS)}\n发布时间: {published:%Y-%m-%d %H:%M}\n\n"
            + "\n\n".join(paras)
            + "\n",
        )
