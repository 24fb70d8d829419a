"""English articles for the synthetic corpus: single-deal stories, briefs, digests and non-deal news."""

from __future__ import annotations

import random
from datetime import date, datetime

from benchmarks import corpus_vocab as v
from benchmarks.corpus_deals import (
    STAGES,
    Company,
    Deal,
    World,
    en_date,
    en_figure,
    en_money,
    en_when,
    fresh,
    join_en,
    nice_amount,
)

FACTS = (
    "Founded in {founded} by {founder}, {company} builds {product} for {customer}.",
    "The {city}-based company says it now has more than {n2} paying customers, up from a handful a year ago.",
    "{founder}, who previously spent {n1} years at a large industrial group, started {company} after seeing how slowly {customer} adopted new tools.",
    "{company} employs about {n3} people and plans to double that by the end of next year.",
    "Its first product, launched in {year}, cut setup time for {customer} by roughly {pct} percent, according to the company.",
    "Unlike most rivals, {company} designs its own hardware, which {founder} argues is the only way to hit its cost targets.",
    "The company declined to share revenue figures but said sales had grown every quarter since launch.",
    "{company} counts several {customer} among its pilot partners, though it would not name them.",
    "The startup has filed {n2} patents, most of them covering its approach to {product}.",
    "{founder} said the hardest part of the last two years was hiring, not fundraising.",
    "Early versions of the product were built in a garage in {city}, a story the founders now tell at every pitch.",
    "The team includes alumni of Google, Tesla and several university labs, {founder} said.",
    "Customers pay an annual subscription, with larger deployments priced per site.",
    "{company} expects to ship its second-generation system in {year2}.",
    "The company opened an office in {city2} last year to be closer to its European customers.",
    "Gross margins are still thin, {founder} acknowledged, but should improve as volumes rise.",
    "{company} has so far focused on {customer}, a market it describes as underserved and slow to change.",
    "Its co-founder, {person}, leads engineering and previously built {product2} at a larger rival.",
    "{company} started selling to {customer} in {year}, and says churn has been close to zero.",
    "The company runs a small pilot line in {city} that can turn out about {n2} units a month.",
    '{founder} describes the business as "boring on purpose": long contracts, predictable revenue.',
    "A year ago the team was {n1} people; today it is closer to {n3}.",
    "{company} spent its first two years in stealth, building {product} with a handful of design partners.",
    "Most of its revenue still comes from {customer} in North America, though Asia is growing faster.",
    "The company has been profitable in some quarters, {founder} said, without giving details.",
    "{company} competes with much larger incumbents, which it says are slow to adopt {product}.",
    "{person}, the company's chief operating officer, joined from a logistics company last spring.",
    "Regulators have so far been supportive, though approvals in Europe take longer, {founder} said.",
    "The company licenses part of its technology from a university lab where {founder} did a PhD.",
    "Some early customers have already expanded their contracts, according to {company}.",
)
MARKET = (
    "Investors have poured money into {sector} over the past two years, even as overall venture funding fell.",
    "Analysts estimate the market for {product} could reach ${m1} billion by {year2}.",
    "The round comes as later-stage valuations in {sector} remain well below their 2021 peaks.",
    "Several competitors have raised large rounds this year, and at least one has struggled to ship.",
    "Deal counts in {sector} rose about {pct} percent last year, according to one industry tracker.",
    "Not everyone is convinced: some investors warn that {sector} startups are burning cash faster than they can sign customers.",
    "Public-market comparables have rallied in recent months, which tends to make late-stage investors more generous.",
    "Interest in {sector} has spread beyond specialist funds to crossover investors and corporate venture arms.",
    "Corporate buyers have become more cautious, stretching sales cycles to nine months or more.",
    "{sector} has been one of the few bright spots for early-stage investors this year.",
    "Several {sector} startups that raised at high prices in 2021 have since cut staff or sold themselves.",
    "Government incentives in the US and Europe have pushed more money toward {sector}.",
    "The number of {sector} companies raising a second round within a year has roughly doubled, one investor said.",
    "Large incumbents have started buying {sector} startups rather than building their own products.",
)
OPENERS = (
    "",
    "",
    "",
    "",
    "Meanwhile, ",
    "Still, ",
    "For now, ",
    "In practice, ",
    "Notably, ",
    "Even so, ",
    "By its own account, ",
)
QUOTES = (
    "{company} has the rare combination of deep technical talent and real commercial traction",
    "We have watched {sector} for a long time, and this is the team we think will define the category",
    "The demand from {customer} is real, and {company} is the company meeting it",
    "We led the seed, and the progress since then made this an easy decision",
    "{product} is going to be a very large market, and {company} is already ahead on cost",
)
FOUNDER_QUOTES = (
    "This round lets us focus on {use} instead of worrying about the next raise",
    "Our customers asked us to move faster, and now we can",
    "We raised in a tough market because the numbers spoke for themselves",
    "The money goes almost entirely into {use}",
)


def an(phrase: str) -> str:
    """The phrase with its indefinite article: "an angel round", "a Series B round"."""
    return ("an " if phrase[:1].lower() in "aeio" else "a ") + phrase


class EnWriter:
    """Writes English articles about rounds drawn from a `World`."""

    def __init__(self, rng: random.Random, world: World) -> None:
        self.rng = rng
        self.world = world
        self.used: set[str] = set()  # filler sentences already in the article being written

    def slots(self, c: Company) -> dict[str, object]:
        r = self.rng
        year = r.randint(2019, 2024)
        return {
            "company": c.org.en,
            "founded": c.founded,
            "city": c.city_en,
            "city2": r.choice(v.EN_CITIES),
            "founder": c.founder_en,
            "person": self.world.person("en"),
            "product": r.choice(c.sector.en_products),
            "product2": r.choice(c.sector.en_products),
            "customer": r.choice(c.sector.en_customers),
            "sector": c.sector.en,
            "year": year,
            "year2": year + r.randint(2, 6),
            "n1": r.randint(3, 15),
            "n2": r.randint(5, 400),
            "n3": r.randint(12, 900),
            "pct": r.randint(10, 80),
            "m1": r.randint(2, 90),
            "use": r.choice(v.EN_USES),
        }

    def filler(self, c: Company, pools: tuple[tuple[str, ...], ...] = (FACTS, FACTS, MARKET)) -> str:
        r = self.rng
        s = self.slots(c)
        out = []
        for _ in range(r.randint(2, 4)):
            template = fresh(r, pools, self.used)
            text = template.format(**s)
            opener = r.choice(OPENERS)
            if opener and not template.startswith("{"):  # a plain word, never a name: safe to lower
                text = text[0].lower() + text[1:]
            out.append(opener + text)
        return " ".join(out)

    def quote(self, deal: Deal) -> str:
        r = self.rng
        s = self.slots(deal.company)
        if r.random() < 0.4:
            return f'"{r.choice(FOUNDER_QUOTES).format(**s)}," said {deal.company.founder_en}, the chief executive.'
        inv = (deal.leads or deal.follows or (self.world.investor(),))[0].en
        role = r.choice(
            ("a partner at", "a general partner at", "managing director at", "who led the deal for")
        )
        return f'"{r.choice(QUOTES).format(**s)}," said {s["person"]}, {role} {inv}.'

    def stage(self, deal: Deal, noun: str = "round") -> str:
        """The stage as "Series B round" / "seed funding"; series stages sometimes stand alone."""
        words = STAGES[deal.stage][1]
        if deal.stage in ("strategic", "unknown", "pre_ipo", "seed", "angel") or self.rng.random() < 0.6:
            return f"{words} {noun}"
        return words

    def name(self, deal: Deal) -> str:
        r, c = self.rng, deal.company
        pick = r.random()
        if pick < 0.3:
            return f"{c.org.en}, {an(c.city_en)}-based maker of {r.choice(c.sector.en_products)},"
        if pick < 0.45:
            return f"{c.sector.en.capitalize()} startup {c.org.en}"
        return c.org.en

    def lead(self, deal: Deal, published: date) -> str:
        r = self.rng
        c = self.name(deal)
        when = en_when(r, deal.event, published)
        amt = en_money(r, deal.value, deal.currency, deal.hedge)
        st = self.stage(deal)
        if deal.status == "completed":
            if amt is None:
                text = r.choice(
                    (
                        f"{c} said {when} it had closed {an(st)} of an undisclosed amount",
                        f"{c} has raised an undisclosed sum in {an(st)}",
                    )
                )
            else:
                text = r.choice(
                    (
                        f"{c} said {when} that it had raised {amt} in {an(st)}",
                        f"{c} has raised {amt} in {self.stage(deal, r.choice(('funding', 'financing')))}",
                        f"{c} closed a {amt} {st} {when}",
                        f"{c} has secured {amt} in new funding, {an(st)}",
                        f"{c} landed {amt} {when} in {an(st)}",
                    )
                )
        elif deal.status == "announced":
            lead = deal.leads[0].en if deal.leads else "a group of investors"
            text = f"{c} said {when} it had agreed to a {amt or 'new'} investment from {lead}"
        elif deal.status == "in_talks":
            text = r.choice(
                (
                    f"{c} is in talks to raise {amt or 'new funding'}, according to people familiar with the matter",
                    f"{c} is seeking {amt or 'fresh capital'} in {an(st)}",
                )
            )
        elif deal.status == "planned":
            text = f"{c} plans to raise {amt or 'new funding'} in {an(st)} later this year"
        elif deal.status == "rumored":
            text = r.choice(
                (
                    f"{c} has reportedly raised {amt or 'new funding'}",
                    f"{c} raised {amt or 'new money'}, sources say",
                )
            )
        else:
            text = f"{c} has called off a planned {amt or ''} {st}".replace("  ", " ")
        if deal.valuation and r.random() < 0.8:
            val = en_figure(r, deal.valuation, deal.currency)
            text += r.choice(
                (
                    f" at a {val} valuation",
                    f", valuing the company at {val}",
                    f" at a post-money valuation of {val}",
                )
            )
        return text + "."

    def investors(self, deal: Deal) -> str:
        r = self.rng
        leads = [o.en for o in deal.leads]
        follows = [o.en for o in deal.follows]
        out = ""
        if leads and follows:
            out = r.choice(
                (
                    f"The round was led by {join_en(leads)}, with participation from {join_en(follows)}.",
                    f"{join_en(leads)} led the round; {join_en(follows)} also took part.",
                    f"{join_en(leads)} {'co-led' if len(leads) > 1 else 'led'} the deal, joined by {join_en(follows)}.",
                )
            )
        elif leads:
            out = r.choice(
                (f"{join_en(leads)} led the round.", f"The investment was led by {join_en(leads)}.")
            )
        elif follows:
            out = f"Investors include {join_en(follows)}."
        if deal.existing:
            plural = "investors" if len(deal.existing) > 1 else "investor"
            out += f" Existing {plural} {join_en([o.en for o in deal.existing])} also participated."
        if r.random() < 0.25:
            out += f" {r.choice(v.EN_ADVISERS)} acted as financial adviser to the company."
        if r.random() < 0.6:
            out += f" The company plans to spend the money on {v.EN_USES[deal.uses[1]]} and {r.choice(v.EN_USES)}."
        return out.strip()

    def extras(self, deal: Deal) -> str:
        """A background round or a figure that is not a round (the traps a careful reader skips)."""
        r = self.rng
        c = deal.company.org.en
        inv = self.world.investor().en
        fig = en_figure(r, nice_amount(r, 2e6, 6e7), "USD")
        return r.choice(
            (
                f"{c} previously raised a {fig} seed round led by {inv}.",
                f"The new funding brings {c}'s total raised to {en_figure(r, nice_amount(r, 3e7, 9e8), 'USD')}.",
                f"{c} says annual recurring revenue passed {fig} this spring.",
                f"The company was last valued at {en_figure(r, nice_amount(r, 1e8, 5e9), 'USD')} in {deal.event.year - 1}.",
                f"It has more than {r.randint(2, 90)} million users, the company said.",
            )
        )

    def title(self, deal: Deal) -> str:
        r = self.rng
        c = deal.company.org.en
        hedge = deal.hedge if deal.hedge not in ("vague", "range") else "exact"
        amt = en_money(r, deal.value, deal.currency, hedge) or "new funding"
        st = STAGES[deal.stage][1]
        if deal.status == "in_talks":
            return r.choice((f"{c} in talks to raise {amt}", f"{c} said to be raising at a higher valuation"))
        if deal.status == "planned":
            return f"{c} plans {st} round"
        if deal.status == "rumored":
            return f"{c} reportedly raises {amt}"
        if deal.status == "announced":
            return f"{c} agrees {amt} investment"
        if deal.status == "cancelled":
            return f"{c} scraps planned {st} round"
        options = [
            f"{c} raises {amt} {st}",
            f"{c} lands {amt} to scale {r.choice(deal.company.sector.en_products)}",
            f"Exclusive: {c} closes {amt} {st} round",
        ]
        if deal.leads:
            options.append(f"{deal.leads[0].en} leads {amt} bet on {c}")
        return r.choice(options)

    def story(self, deal: Deal, published: date, target: int) -> list[str]:
        r = self.rng
        self.used.clear()
        paras = [self.lead(deal, published), self.investors(deal)]
        tail = [self.quote(deal)]
        if r.random() < 0.5:
            tail.append(self.extras(deal))
        size = sum(len(p) for p in paras + tail)
        middle: list[str] = []
        while size < target:
            middle.append(self.filler(deal.company))
            size += len(middle[-1])
        for p in tail:
            middle.insert(r.randint(0, len(middle)), p)
        return paras + middle

    # ----------------------------------------------------------------------- article shapes

    def single(self, published: datetime, target: int) -> tuple[str, str]:
        r = self.rng
        deal = self.world.deal("zh" if r.random() < 0.15 else "en", published.date())
        paras = self.story(deal, published.date(), target)
        byline = f"By {self.world.person('en')}"
        if r.random() < 0.5:
            return "md", f"# {self.title(deal)}\n\n{en_date(published.date())}\n\n{byline}\n\n" + "\n\n".join(
                paras
            ) + "\n"
        return "txt", f"{self.title(deal)}\n{en_date(published.date())}\n\n" + "\n\n".join(
            paras
        ) + f"\n\n{byline}\n"

    def brief(self, published: datetime, target: int) -> str:
        deal = self.world.deal("en", published.date())
        return (
            f"{self.title(deal)}\n{published:%Y-%m-%d %H:%M}\n\n"
            + "\n\n".join(self.story(deal, published.date(), target))
            + "\n"
        )

    def frontmatter(self, published: datetime, target: int) -> str:
        r = self.rng
        deal = self.world.deal("en", published.date())
        title = self.title(deal).replace('"', "'")
        fm = (
            f'---\ntitle: "{title}"\ndate: {published:%Y-%m-%dT%H:%M:%S}Z\nauthor: {self.world.person("en")}\n'
            f"url: https://news.example.invalid/{published:%Y/%m}/{r.getrandbits(40):x}\n"
            f"tags: [funding, {deal.company.sector.en}]\n---\n\n"
        )
        return fm + "\n\n".join(self.story(deal, published.date(), target)) + "\n"

    def digest(self, published: datetime, target: int) -> tuple[str, str]:
        r = self.rng
        day = published.date()
        deals = [self.world.other_deal("en", day) for _ in range(r.randint(6, 10))]
        title = r.choice(
            (
                f"Funding roundup: {len(deals)} deals we tracked this week",
                f"{r.choice(v.EN_OUTLETS)}: the week's biggest rounds",
                "This week in venture",
            )
        )
        paras = [
            f"Good morning. We counted {r.randint(20, 80)} rounds since Monday, worth about ${r.randint(1, 12)} billion combined. Here are the ones worth your time."
        ]
        per = max(120, (target - 300) // len(deals))
        for d in deals:
            body = (
                self.lead(d, day).replace(d.company.org.en, f"**{d.company.org.en}**", 1)
                + " "
                + self.investors(d)
            )
            while len(body) < per * 0.6:
                body += " " + self.filler(d.company, (FACTS,))
            paras.append(body)
        paras.append("That's all for today. Send tips and corrections to the newsroom.")
        if r.random() < 0.5:
            return "txt", f"{title.upper()}\n{en_date(day)}\n\n" + "\n\n".join(paras) + "\n"
        return "md", f"# {title}\n\n{en_date(day)}\n\n" + "\n\n".join(paras) + "\n"

    def other(self, published: datetime, target: int) -> tuple[str, str]:
        """News with figures that is not a round: earnings, fund closes, M&A, IPOs, layoffs, milestones."""
        r = self.rng
        company = self.world.new_company("en")
        c = company.org.en
        inv = self.world.investor().en
        big = en_figure(r, nice_amount(r, 1e8, 2e10), "USD")
        small = en_figure(r, nice_amount(r, 5e6, 5e8), "USD")
        pct = r.randint(3, 120)
        kind = r.randrange(6)
        if kind == 0:
            title = f"{c} revenue jumps {pct}% as demand for {r.choice(company.sector.en_products)} grows"
            lead = f"{c} reported quarterly revenue of {small}, up {pct} percent from a year earlier, and said it expects full-year sales of about {big}."
        elif kind == 1:
            title = f"{inv} closes {big} fund"
            lead = f"{inv} has closed its latest fund at {big}, above its target, and will back companies in {company.sector.en} and adjacent markets. The firm now manages more than {en_figure(r, nice_amount(r, 3e9, 5e10), 'USD')}."
        elif kind == 2:
            title = f"{inv} to acquire {c} for {small}"
            lead = f"{c} has agreed to be acquired in a cash deal valued at {small}, the companies said on {published:%A}. The deal is expected to close next quarter."
        elif kind == 3:
            title = f"{c} prices IPO at ${r.randint(12, 60)} a share"
            lead = f"{c} raised {small} in its initial public offering, giving it a market value of roughly {big}. Shares begin trading today."
        elif kind == 4:
            title = f"{c} cuts {pct % 40 + 5}% of staff"
            lead = f"{c} is laying off about {r.randint(20, 600)} employees, or {pct % 40 + 5} percent of its workforce, as it tries to reach profitability on the {small} it has left in the bank."
        else:
            title = f"{c} passes {r.randint(2, 50)} million users"
            lead = f"{c} said it now has {r.randint(2, 50)} million monthly users and annual recurring revenue of {small}, up from {en_figure(r, nice_amount(r, 1e6, 4e7), 'USD')} a year ago."
        paras = [lead]
        self.used.clear()
        while sum(len(p) for p in paras) < target:
            paras.append(self.filler(company, (MARKET, FACTS)))
        if r.random() < 0.5:
            return "txt", f"{title}\n{en_date(published.date())}\n\n" + "\n\n".join(paras) + "\n"
        return "md", f"# {title}\n\n{en_date(published.date())}\n\n" + "\n\n".join(paras) + "\n"
