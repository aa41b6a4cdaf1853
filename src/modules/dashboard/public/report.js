// @ts-check
// The plan report: every indicator of the plan for one quarter (by default the last closed
// one) as a board paper, one block per indicator with its lead, baseline, target, commentary,
// a trend that follows its frequency (13 months, 8 quarters or 5 financial years), the trend's
// table and an equality breakdown. It reads the API like the dashboard, with the dashboard's
// session, so access rules and suppression apply unchanged. Printed, it lays out on A4.
'use strict';

/**
 * What GET /plans and GET /kpis answer, as far as the report reads them. The names start with
 * "Report" because the page scripts share one global scope for typechecking (app.js has its own).
 * @typedef {{ start: number, q: number }} ReportQuarter A quarter: its financial year's first calendar year and 1–4.
 * @typedef {{
 *   code: string,
 *   title: string,
 *   frequency: string,
 *   unit: string,
 *   baseline?: { period: string, value: number },
 *   leadAgency?: string,
 *   leadOfficer?: string,
 *   monitoredBy?: string,
 * }} ReportPlanIndicator
 * @typedef {{ title: string, indicators: ReportPlanIndicator[] }} ReportPlanPriority
 * @typedef {{ title: string, priorities: ReportPlanPriority[] }} ReportPlanTheme
 * @typedef {{ name: string, themes: ReportPlanTheme[] }} ReportPlan
 * @typedef {ReportPlanIndicator & { theme: string, priority: string }} ReportIndicator An indicator with its theme's and priority's titles.
 * @typedef {{
 *   group: string,
 *   numerator: number | null,
 *   denominator: number | null,
 *   value: number | null,
 *   suppressed: boolean,
 * }} ReportGroupValue One group of a breakdown.
 * @typedef {{
 *   code: string,
 *   unit: string,
 *   value: number | null,
 *   numerator: number | null,
 *   denominator: number | null,
 *   target: number | null,
 *   rag: 'green' | 'amber' | 'red' | null,
 *   suppressed: boolean,
 *   commentary: string | null,
 *   groups?: ReportGroupValue[],
 * }} ReportKpiItem One indicator's answer for one period.
 * @typedef {{ items: ReportKpiItem[] }} ReportKpiAnswer
 * @typedef {Map<string, ReportKpiItem>} ReportPeriodItems A period's items by indicator code.
 * @typedef {import('chart.js').Chart<'line', (number | null)[], string>} ReportLineChart
 */

(() => {
  const API = '/api/v1';
  const TREND_LENGTH = { monthly: 13, quarterly: 8, annual: 5 };
  const BREAKDOWN_NAMES = {
    ethnic_group: 'ethnic group',
    gender: 'gender',
    disability: 'disability',
    age_band: 'age band',
  };
  const RAG_WORDS = { green: 'On target', amber: 'Near target', red: 'Off target' };

  /** @param {string} id */
  const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

  /**
   * @param {string} tag
   * @param {Record<string, string>} [attributes]
   * @param {(Node | string | null | undefined)[]} [children]
   */
  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    for (const child of children || []) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  /**
   * Calls the API; the caller says what the answer holds.
   * @param {string} path
   * @param {boolean} [renewed] whether the token is already a new one
   * @returns {Promise<unknown>}
   */
  async function api(path, renewed = false) {
    const session = window.continuumSession;
    const bearer = await (renewed ? session.renew() : session.token());
    const response = await fetch(`${API}${path}`, {
      headers: { Accept: 'application/json', Authorization: `Bearer ${bearer}` },
      cache: 'no-store',
      credentials: 'omit',
    });
    if (response.status === 401 && !renewed) return api(path, true);
    /** @type {unknown} */
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error(
        typeof data === 'object' &&
          data !== null &&
          'message' in data &&
          typeof data.message === 'string'
          ? data.message
          : response.statusText,
      );
    }
    return data;
  }

  // ------------------------------------------------------------------------ periods

  /** @param {number} start */
  const fy = (start) => `FY${start}-${String((start + 1) % 100).padStart(2, '0')}`;

  /** Today in Europe/London as [year, month]. */
  function londonYearMonth() {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: 'numeric',
    }).formatToParts(new Date());
    const part = (/** @type {string} */ type) =>
      Number(/** @type {Intl.DateTimeFormatPart} */ (parts.find((p) => p.type === type)).value);
    return [part('year'), part('month')];
  }

  /**
   * A quarter as {start, q}: the financial year's first calendar year and 1–4.
   * @param {number} year
   * @param {number} month
   * @returns {ReportQuarter}
   */
  function quarterOfMonth(year, month) {
    return month >= 4
      ? { start: year, q: Math.floor((month - 4) / 3) + 1 }
      : { start: year - 1, q: 4 };
  }

  /**
   * @param {ReportQuarter} quarter
   * @returns {ReportQuarter}
   */
  const previousQuarter = ({ start, q }) =>
    q === 1 ? { start: start - 1, q: 4 } : { start, q: q - 1 };
  /** @param {ReportQuarter} quarter */
  const quarterId = ({ start, q }) => `${fy(start)}-Q${q}`;

  /** The last quarter that has ended: the report opens on it. */
  function lastClosedQuarter() {
    const [year, month] = londonYearMonth();
    return previousQuarter(quarterOfMonth(year, month));
  }

  /**
   * @param {string} text
   * @returns {ReportQuarter | null}
   */
  function parseQuarter(text) {
    const match = /^FY(\d{4})-(\d{2})-Q([1-4])$/.exec(text || '');
    if (!match || (Number(match[1]) + 1) % 100 !== Number(match[2])) return null;
    return { start: Number(match[1]), q: Number(match[3]) };
  }

  /**
   * The trend's periods, oldest first, ending with the period holding the quarter's last day.
   * @param {string} frequency
   * @param {ReportQuarter} quarter
   * @returns {string[]}
   */
  function trendPeriods(frequency, quarter) {
    const count = TREND_LENGTH[/** @type {keyof typeof TREND_LENGTH} */ (frequency)] || 8;
    if (frequency === 'monthly') {
      // The quarter's last month: Q1 June, Q2 September, Q3 December, Q4 March.
      const lastMonth = quarter.q === 4 ? 3 : 3 + quarter.q * 3;
      const year = quarter.q === 4 ? quarter.start + 1 : quarter.start;
      const periods = [];
      for (let i = count - 1; i >= 0; i--) {
        const index = year * 12 + (lastMonth - 1) - i;
        periods.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
      }
      return periods;
    }
    if (frequency === 'annual') {
      const periods = [];
      for (let i = count - 1; i >= 0; i--) periods.push(fy(quarter.start - i));
      return periods;
    }
    const periods = [];
    let current = quarter;
    for (let i = 0; i < count; i++) {
      periods.unshift(quarterId(current));
      current = previousQuarter(current);
    }
    return periods;
  }

  /** @param {string} period */
  function periodName(period) {
    const month = /^(\d{4})-(\d{2})$/.exec(period);
    if (month) {
      return new Intl.DateTimeFormat('en-GB', {
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)));
    }
    const quarter = parseQuarter(period);
    if (quarter) return `Q${quarter.q} ${fy(quarter.start).slice(2).replace('-', '/')}`;
    return period.slice(2).replace('-', '/');
  }

  // ------------------------------------------------------------------------ figures

  /**
   * @param {number | null} value
   * @param {string} unit
   */
  function figure(value, unit) {
    if (value === null || value === undefined) return '–';
    const text = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(value);
    return unit === 'percent' ? `${text}%` : text;
  }

  /**
   * @param {ReportKpiItem | undefined} item
   * @param {string} unit
   */
  function shown(item, unit) {
    if (!item) return 'no data';
    if (item.suppressed) return 'suppressed';
    if (item.value === null) return 'no data';
    const ratio =
      unit === 'percent' && item.numerator !== null && item.denominator !== null
        ? ` (${item.numerator} of ${item.denominator})`
        : '';
    return `${figure(item.value, unit)}${ratio}`;
  }

  /**
   * @param {ReportPlan} plan
   * @returns {ReportIndicator[]}
   */
  function indicatorsOf(plan) {
    /** @type {ReportIndicator[]} */
    const list = [];
    for (const theme of plan.themes) {
      for (const priority of theme.priorities) {
        for (const indicator of priority.indicators)
          list.push({ ...indicator, theme: theme.title, priority: priority.title });
      }
    }
    return list;
  }

  /**
   * @param {string} period
   * @param {string} [breakdown]
   * @returns {Promise<ReportPeriodItems>}
   */
  async function itemsFor(period, breakdown) {
    const query = `period=${encodeURIComponent(period)}${breakdown ? `&breakdown=${breakdown}` : ''}`;
    const answer = /** @type {ReportKpiAnswer} */ (await api(`/kpis?${query}`));
    return new Map(answer.items.map((item) => [item.code, item]));
  }

  /**
   * Runs `task` over `items`, `limit` at a time.
   * @template R
   * @param {string[]} items
   * @param {number} limit
   * @param {(item: string) => Promise<R>} task
   * @returns {Promise<Map<string, R>>}
   */
  async function mapWithLimit(items, limit, task) {
    /** @type {Map<string, R>} */
    const results = new Map();
    let next = 0;
    async function worker() {
      while (next < items.length) {
        const item = items[next++];
        results.set(item, await task(item));
      }
    }
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
  }

  // ------------------------------------------------------------------------ the report

  /** @type {ReportLineChart[]} */
  const charts = [];

  /** @param {string} message */
  function alertUser(message) {
    byId('alert').textContent = message;
  }

  async function load() {
    const params = new URLSearchParams(window.location.search);
    const quarter = parseQuarter(params.get('period') || '') || lastClosedQuarter();
    const requested = params.get('breakdown');
    const breakdown = requested && requested in BREAKDOWN_NAMES ? requested : 'ethnic_group';
    const period = quarterId(quarter);
    fillControls(quarter, breakdown);
    byId('status').textContent = 'Loading the report…';
    /** @type {ReportPlan} */
    let plan;
    try {
      plan = /** @type {ReportPlan} */ (await api('/plans'));
    } catch (error) {
      // The session ended: session.js is taking the page to sign in.
      if (error instanceof Error && error.message === 'signed-out') return;
      throw error;
    }
    const indicators = indicatorsOf(plan);
    const periods = new Set([period]);
    for (const indicator of indicators)
      for (const p of trendPeriods(indicator.frequency, quarter)) periods.add(p);
    const [answers, groups] = await Promise.all([
      mapWithLimit([...periods], 4, (p) => itemsFor(p)),
      itemsFor(period, breakdown),
    ]);
    byId('plan-name').textContent = plan.name;
    byId('cover-title').textContent =
      `Children's Trust Board: indicators for ${periodName(period)}`;
    byId('cover-summary').textContent =
      `${indicators.length} indicators of “${plan.name}” for ${period}; each with its trend and a breakdown by ${BREAKDOWN_NAMES[/** @type {keyof typeof BREAKDOWN_NAMES} */ (breakdown)]} where the indicator counts children. Figures of 1 to 4 are suppressed.`;
    byId('cover').hidden = false;
    for (const chart of charts.splice(0)) chart.destroy();
    const report = byId('report');
    report.replaceChildren();
    let theme = '';
    for (const indicator of indicators) {
      if (indicator.theme !== theme) {
        theme = indicator.theme;
        report.append(el('h2', { class: 'theme' }, [theme]));
      }
      report.append(block(indicator, quarter, period, answers, groups, breakdown));
    }
    byId('status').textContent = `The report for ${period} is ready.`;
  }

  /**
   * @param {ReportIndicator} indicator
   * @param {ReportQuarter} quarter
   * @param {string} period
   * @param {Map<string, ReportPeriodItems>} answers
   * @param {ReportPeriodItems} groups
   * @param {string} breakdown
   */
  function block(indicator, quarter, period, answers, groups, breakdown) {
    const item = answers.get(period)?.get(indicator.code);
    const unit = item?.unit || indicator.unit;
    const headingId = `indicator-${indicator.code}`;
    const facts = el('dl', { class: 'facts' });
    const fact = (
      /** @type {string} */ term,
      /** @type {string} */ value,
      /** @type {string} */ name,
    ) =>
      facts.append(
        el('div', { class: 'fact', 'data-fact': name }, [
          el('dt', {}, [term]),
          el('dd', {}, [value]),
        ]),
      );
    fact('This quarter', shown(item, unit), 'value');
    fact(
      'Target',
      item?.target !== null && item?.target !== undefined ? figure(item.target, unit) : 'none set',
      'target',
    );
    if (item?.rag)
      fact('Status', RAG_WORDS[/** @type {keyof typeof RAG_WORDS} */ (item.rag)], 'rag');
    fact(
      'Baseline',
      indicator.baseline
        ? `${figure(indicator.baseline.value, unit)} (${indicator.baseline.period})`
        : 'none recorded',
      'baseline',
    );
    fact('Lead agency', indicator.leadAgency || '–', 'lead-agency');
    fact('Lead officer', indicator.leadOfficer || '–', 'lead-officer');
    fact('Monitored by', indicator.monitoredBy || '–', 'monitored-by');
    const article = el(
      'article',
      {
        class: `indicator-block${item?.rag ? ` rag-${item.rag}` : ''}`,
        'aria-labelledby': headingId,
        'data-code': indicator.code,
      },
      [
        el('h3', { id: headingId }, [indicator.title]),
        el('p', { class: 'priority' }, [indicator.priority]),
        facts,
        el('div', { class: 'commentary', 'data-commentary': '' }, [
          el('h4', {}, ['The story behind the figure']),
          el('p', {}, [item?.commentary || 'No commentary for this quarter.']),
        ]),
      ],
    );
    const trend = trendPeriods(indicator.frequency, quarter);
    const values = trend.map((p) => answers.get(p)?.get(indicator.code));
    const trendName =
      { monthly: 'Monthly', quarterly: 'Quarterly', annual: 'Annual' }[
        /** @type {'monthly'} */ (indicator.frequency)
      ] || 'Quarterly';
    const canvas = el('canvas', {
      role: 'img',
      'aria-label': `${trendName} trend of ${indicator.title}`,
    });
    article.append(el('h4', {}, [`${trendName} trend`]), el('div', { class: 'chart' }, [canvas]));
    const table = el('table', { class: 'trend-table' }, [
      el('caption', { class: 'visually-hidden' }, [`${trendName} figures for ${indicator.title}`]),
      el('thead', {}, [
        el('tr', {}, [
          el('th', { scope: 'col' }, ['Period']),
          el('th', { scope: 'col' }, ['Value']),
          el('th', { scope: 'col' }, ['Target']),
        ]),
      ]),
      el(
        'tbody',
        {},
        trend.map((p, i) => {
          const value = values[i];
          return el('tr', {}, [
            el('th', { scope: 'row' }, [periodName(p)]),
            el('td', {}, [shown(value, unit)]),
            el('td', {}, [
              value?.target !== null && value?.target !== undefined
                ? figure(value.target, unit)
                : '–',
            ]),
          ]);
        }),
      ),
    ]);
    const tables = el('div', { class: 'tables' }, [
      el('section', {}, [
        el('h4', {}, [`${trendName} figures`]),
        el('div', { class: 'table-wrap' }, [table]),
      ]),
    ]);
    article.append(tables);
    drawChart(/** @type {HTMLCanvasElement} */ (canvas), trend, values, unit);
    const grouped = groups.get(indicator.code);
    if (grouped && Array.isArray(grouped.groups)) {
      const name = BREAKDOWN_NAMES[/** @type {keyof typeof BREAKDOWN_NAMES} */ (breakdown)];
      tables.append(
        el('section', {}, [
          el('h4', {}, [`By ${name}`]),
          el('div', { class: 'table-wrap' }, [
            el('table', { class: 'breakdown-table', 'data-breakdown': breakdown }, [
              el('caption', { class: 'visually-hidden' }, [
                `${indicator.title} by ${name}, ${period}`,
              ]),
              el('thead', {}, [
                el('tr', {}, [
                  el('th', { scope: 'col' }, [name[0].toUpperCase() + name.slice(1)]),
                  el('th', { scope: 'col' }, ['Number']),
                  el('th', { scope: 'col' }, ['Of']),
                  el('th', { scope: 'col' }, ['Value']),
                ]),
              ]),
              el(
                'tbody',
                {},
                grouped.groups.map((g) =>
                  el('tr', {}, [
                    el('th', { scope: 'row' }, [g.group.replace('_', ' ')]),
                    el('td', {}, [g.suppressed ? 'suppressed' : String(g.numerator ?? '–')]),
                    el('td', {}, [g.suppressed ? 'suppressed' : String(g.denominator ?? '–')]),
                    el('td', {}, [g.suppressed ? 'suppressed' : figure(g.value, unit)]),
                  ]),
                ),
              ),
            ]),
          ]),
        ]),
      );
    }
    return article;
  }

  /**
   * @param {HTMLCanvasElement} canvas
   * @param {string[]} trend
   * @param {(ReportKpiItem | undefined)[]} values
   * @param {string} unit
   */
  function drawChart(canvas, trend, values, unit) {
    const Chart = window.Chart;
    if (!Chart) return;
    const data = values.map((v) => (v && !v.suppressed && v.value !== null ? v.value : null));
    const targets = values.map((v) =>
      v && v.target !== null && v.target !== undefined ? v.target : null,
    );
    charts.push(
      new Chart(canvas, {
        type: 'line',
        data: {
          labels: trend.map(periodName),
          datasets: [
            {
              label: 'All localities',
              data,
              borderColor: '#1d3d6b',
              backgroundColor: '#1d3d6b',
              borderWidth: 3,
              spanGaps: false,
            },
            ...(targets.some((t) => t !== null)
              ? [
                  {
                    label: 'Target',
                    data: targets,
                    borderColor: '#505a5f',
                    borderDash: [6, 4],
                    pointRadius: 0,
                    borderWidth: 2,
                  },
                ]
              : []),
          ],
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { display: targets.some((t) => t !== null) } },
          scales: {
            y: {
              beginAtZero: true,
              ticks: { callback: (v) => figure(Number(v), unit) },
            },
            x: { ticks: { maxRotation: 0, autoSkip: true } },
          },
        },
      }),
    );
  }

  /**
   * @param {ReportQuarter} quarter
   * @param {string} breakdown
   */
  function fillControls(quarter, breakdown) {
    const select = /** @type {HTMLSelectElement} */ (byId('period'));
    select.replaceChildren();
    let current = lastClosedQuarter();
    for (let i = 0; i < 16; i++) {
      const id = quarterId(current);
      select.append(el('option', { value: id }, [periodName(id)]));
      current = previousQuarter(current);
    }
    if (![...select.options].some((o) => o.value === quarterId(quarter))) {
      select.prepend(el('option', { value: quarterId(quarter) }, [periodName(quarterId(quarter))]));
    }
    select.value = quarterId(quarter);
    /** @type {HTMLSelectElement} */ (byId('breakdown')).value = breakdown;
    byId('controls').hidden = false;
  }

  function start() {
    byId('controls').addEventListener('submit', (event) => {
      event.preventDefault();
      const period = /** @type {HTMLSelectElement} */ (byId('period')).value;
      const breakdown = /** @type {HTMLSelectElement} */ (byId('breakdown')).value;
      window.history.replaceState(
        null,
        '',
        `?period=${encodeURIComponent(period)}&breakdown=${encodeURIComponent(breakdown)}`,
      );
      load().catch((/** @type {unknown} */ error) =>
        alertUser(error instanceof Error ? error.message : 'The report could not be loaded.'),
      );
    });
    byId('print').addEventListener('click', () => window.print());
    // Charts drawn for the screen are redrawn to the paper's width before printing.
    const fit = () => {
      for (const chart of charts) chart.resize();
    };
    window.addEventListener('beforeprint', fit);
    window.matchMedia('print').addEventListener('change', fit);
    load().catch((/** @type {unknown} */ error) =>
      alertUser(error instanceof Error ? error.message : 'The report could not be loaded.'),
    );
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
