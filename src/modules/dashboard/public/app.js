// @ts-check
// The managers' dashboard (docs/domain.md#indicators). Plain JavaScript served as written, no
// build step; typechecked with the JSDoc types below (tsconfig.browser.json) and linted like the
// rest. Behind the web app's session, it reads the plan, the localities and 8 quarters of
// indicator values through the public API, with the token session.js makes from that session,
// and draws one card and one trend chart per indicator. It keeps nothing itself.
'use strict';

/**
 * @typedef {{ fyStart: number, q: number }} Quarter A quarter of a financial year.
 * @typedef {{
 *   code: string,
 *   title: string,
 *   metric?: string,
 *   unit?: string,
 *   frequency?: string,
 *   polarity?: string,
 *   definition?: string,
 *   targets?: Record<string, number | null>,
 *   baseline?: { period: string, value: number },
 *   leadAgency?: string,
 *   leadOfficer?: string,
 *   monitoredBy?: string,
 * }} PlanIndicator
 * @typedef {{ title: string, indicators?: PlanIndicator[] }} PlanPriority
 * @typedef {{ title: string, priorities?: PlanPriority[] }} PlanTheme
 * @typedef {{ name?: string, themes?: PlanTheme[] }} Plan
 * @typedef {{ id: string, name: string }} Locality
 * @typedef {{
 *   code: string,
 *   value: number | null,
 *   numerator: number | null,
 *   denominator: number | null,
 *   target: number | null,
 *   rag: 'green' | 'amber' | 'red' | null,
 *   suppressed: boolean,
 *   commentary?: string | null,
 * }} KpiItem One indicator's answer for one quarter and one scope.
 * @typedef {{ items: KpiItem[] }} KpiAnswer
 * @typedef {Map<string, KpiItem> | null} QuarterItems A quarter's items by code; null: not available.
 * @typedef {{
 *   authority: (QuarterItems | undefined)[],
 *   byLocality: Map<string, (QuarterItems | undefined)[]>,
 *   problems: string[],
 * }} IndicatorValues
 * @typedef {{ locality: Locality, items: (KpiItem | undefined)[] }} LocalitySeries
 * @typedef {{
 *   root: HTMLElement,
 *   value: HTMLElement,
 *   context: HTMLElement,
 *   rag: HTMLElement,
 *   target: HTMLElement,
 *   canvas: HTMLCanvasElement,
 *   table: HTMLElement,
 * }} Card
 * @typedef {{ green: number, amber: number, red: number, other: number }} RagCounts
 * @typedef {{
 *   label: string,
 *   colour: string,
 *   width: number,
 *   shape: import('chart.js').PointStyle | false,
 *   dash?: number[],
 * }} LegendEntry
 * @typedef {import('chart.js').ChartDataset<'line', (number | null)[]>
 *   & { items?: (KpiItem | undefined)[] }} Dataset A chart line, with the items it plots.
 */

(function dashboard() {
  const API = '/api/v1';
  const QUARTERS_SHOWN = 8;
  const CONCURRENT_REQUESTS = 6;
  // The service's working-day calendar starts in 2000; nothing earlier can be computed.
  const FIRST_FINANCIAL_YEAR = 2000;

  // Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), the darker
  // ones first, and a point shape per locality so that colour is never the only cue.
  const LOCALITY_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];
  /** @type {import('chart.js').PointStyle[]} */
  const LOCALITY_SHAPES = ['rect', 'triangle', 'rectRot', 'crossRot', 'star', 'cross'];
  const AUTHORITY_COLOUR = '#0b0c0c';
  const TARGET_COLOUR = '#6f777b';
  const TEXT_COLOUR = '#0b0c0c';
  const GRID_COLOUR = '#e1e3e4';

  const RAG = {
    green: { icon: '\u2713', label: 'Green \u2013 target met', className: 'rag-green' },
    amber: { icon: '!', label: 'Amber \u2013 within 5% of target', className: 'rag-amber' },
    red: { icon: '\u2715', label: 'Red \u2013 off target', className: 'rag-red' },
    suppressed: { icon: '\u2013', label: 'Suppressed', className: 'rag-none' },
    noTarget: { icon: '\u2013', label: 'No target', className: 'rag-none' },
    noData: { icon: '?', label: 'Not rated \u2013 no data', className: 'rag-none' },
    unavailable: { icon: '\u2013', label: 'Not available', className: 'rag-none' },
  };

  const MONTHS = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

  const dom = {
    alert: byId('alert'),
    status: byId('status'),
    session: byId('session'),
    signOut: byId('sign-out', HTMLButtonElement),
    periodForm: byId('period-form', HTMLFormElement),
    endQuarter: byId('end-quarter', HTMLSelectElement),
    dashboard: byId('dashboard'),
    planName: byId('plan-name'),
    periodSummary: byId('period-summary'),
    legend: byId('legend'),
    themes: byId('themes'),
    main: byId('main'),
  };

  /**
   * The load in progress, cancelled when another starts or the user signs out.
   * @type {AbortController | null}
   */
  let currentLoad = null;
  /**
   * Chart instances on the page, destroyed before the cards are rebuilt.
   * @type {import('chart.js').Chart<'line', (number | null)[], string[]>[]}
   */
  let charts = [];

  // ---------------------------------------------------------------- periods (docs/domain.md#periods)

  /**
   * A quarter of a financial year: FY2011-12-Q1 is April to June 2011.
   * @param {number} fyStart
   * @param {number} q
   * @returns {Quarter}
   */
  function quarter(fyStart, q) {
    return { fyStart, q };
  }

  /** @param {number} fyStart */
  function financialYearId(fyStart) {
    return `FY${fyStart}-${String((fyStart + 1) % 100).padStart(2, '0')}`;
  }

  /** @param {Quarter} period */
  function quarterId(period) {
    return `${financialYearId(period.fyStart)}-Q${period.q}`;
  }

  /**
   * @param {string | null} text
   * @returns {Quarter | null}
   */
  function parseQuarterId(text) {
    const match = /^FY(\d{4})-(\d{2})-Q([1-4])$/.exec(text || '');
    if (!match) return null;
    const fyStart = Number(match[1]);
    if ((fyStart + 1) % 100 !== Number(match[2])) return null;
    return quarter(fyStart, Number(match[3]));
  }

  /**
   * @param {number} year
   * @param {number} month 1 to 12
   */
  function quarterOfMonth(year, month) {
    if (month >= 4) return quarter(year, Math.floor((month - 4) / 3) + 1);
    return quarter(year - 1, 4);
  }

  /** @param {Quarter} period */
  function previousQuarter(period) {
    return period.q === 1 ? quarter(period.fyStart - 1, 4) : quarter(period.fyStart, period.q - 1);
  }

  /**
   * @param {Quarter} a
   * @param {Quarter} b
   */
  function compareQuarters(a, b) {
    return a.fyStart - b.fyStart || a.q - b.q;
  }

  /**
   * @param {Quarter} end
   * @param {number} count
   */
  function quartersEndingWith(end, count) {
    const list = [end];
    while (list.length < count) list.unshift(previousQuarter(list[0]));
    return list;
  }

  /** The quarter holding today's date in Europe/London, whatever the browser's time zone. */
  function currentQuarter() {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: 'numeric',
    }).formatToParts(new Date());
    /** @param {Intl.DateTimeFormatPartTypes} type */
    const part = (type) => {
      const found = parts.find((p) => p.type === type);
      if (!found) throw new Error(`No ${type} in today's date`);
      return Number(found.value);
    };
    return quarterOfMonth(part('year'), part('month'));
  }

  /** @param {Quarter} period */
  function quarterMonths(period) {
    const firstMonth = (period.q * 3) % 12; // Q1 → April (index 3), Q4 → January (index 0)
    const year = period.q === 4 ? period.fyStart + 1 : period.fyStart;
    return `${MONTHS[firstMonth]}\u2013${MONTHS[firstMonth + 2]} ${year}`;
  }

  /** @param {Quarter} period */
  function quarterShortName(period) {
    return `Q${period.q} ${period.fyStart}-${String((period.fyStart + 1) % 100).padStart(2, '0')}`;
  }

  // ---------------------------------------------------------------- formatting

  const wholeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat('en-GB', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const upToOneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

  /**
   * @param {number} value
   * @param {PlanIndicator} indicator
   */
  function formatNumber(value, indicator) {
    switch (indicator.unit) {
      case 'percent':
        return `${oneDecimal.format(value)}%`;
      case 'rate':
        return oneDecimal.format(value);
      case 'count':
        return Number.isInteger(value) ? wholeNumber.format(value) : upToOneDecimal.format(value);
      default:
        return upToOneDecimal.format(value);
    }
  }

  /**
   * What a rate or a median is counted in, from the metric's name (e.g. `…_per_10000`).
   * @param {PlanIndicator} indicator
   */
  function unitWords(indicator) {
    const metric = String(indicator.metric || indicator.code || '');
    if (indicator.unit === 'rate') {
      const per = /per_(\d+)/.exec(metric);
      return per ? `per ${wholeNumber.format(Number(per[1]))}` : 'rate';
    }
    if (indicator.unit === 'median' && /working_days/.test(metric)) return 'working days';
    return '';
  }

  /**
   * @param {number} value
   * @param {PlanIndicator} indicator
   */
  function formatWithUnit(value, indicator) {
    const words = unitWords(indicator);
    return words ? `${formatNumber(value, indicator)} ${words}` : formatNumber(value, indicator);
  }

  /**
   * A cell of the data table or a tooltip: the value, or why there is none.
   * @param {KpiItem | undefined} item
   * @param {PlanIndicator} indicator
   */
  function describeItem(item, indicator) {
    if (item === undefined) return 'not available';
    if (item.suppressed) return 'suppressed';
    if (item.value === null || item.value === undefined) return 'no data';
    return formatNumber(item.value, indicator);
  }

  /**
   * @param {KpiItem | undefined} item
   * @returns {number | null}
   */
  function plotted(item) {
    if (!item || item.suppressed || typeof item.value !== 'number') return null;
    return item.value;
  }

  // ---------------------------------------------------------------- DOM helpers

  /**
   * The page's element with this id, of this type (HTMLElement unless given).
   * @template {HTMLElement} [T=HTMLElement]
   * @param {string} id
   * @param {{ new (): T, prototype: T }} [type]
   * @returns {T}
   */
  function byId(id, type) {
    const element = document.getElementById(id);
    if (!element) throw new Error(`The page has no #${id}`);
    const expected = type || HTMLElement;
    if (!(element instanceof expected)) throw new Error(`#${id} is not a ${expected.name}`);
    return /** @type {T} */ (element);
  }

  /**
   * A new element: `text` sets its text, `className` its class, anything else an attribute
   * (`true`: present, `false`, null or undefined: absent).
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {Record<string, string | number | boolean | null | undefined>} [attributes]
   * @param {(Node | string | null | undefined)[]} [children]
   * @returns {HTMLElementTagNameMap[K]}
   */
  function el(tag, attributes, children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'text') element.textContent = String(value);
      else if (name === 'className') element.className = String(value);
      else element.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children || []) {
      if (child === null || child === undefined) continue;
      element.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return element;
  }

  /** @param {string} message */
  function showAlert(message) {
    dom.alert.textContent = message;
  }

  function clearAlert() {
    dom.alert.textContent = '';
  }

  /** @param {string} message */
  function setStatus(message) {
    dom.status.textContent = message;
  }

  // ---------------------------------------------------------------- session and API

  class ApiError extends Error {
    /**
     * @param {number} status the HTTP status; 0 when the service could not be reached
     * @param {string} message
     */
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  /**
   * @param {unknown} error
   * @returns {boolean}
   */
  function isAbort(error) {
    return error instanceof DOMException && error.name === 'AbortError';
  }

  /**
   * Calls the API with the session's token (a new one once, if the API refused it); the caller
   * says what the answer holds.
   * @param {string} path
   * @param {{ method?: string, body?: unknown, signal?: AbortSignal, renewed?: boolean }} [options]
   * @returns {Promise<unknown>}
   */
  async function api(path, options) {
    const { method = 'GET', body, signal, renewed = false } = options || {};
    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const session = window.continuumSession;
    headers.Authorization = `Bearer ${await (renewed ? session.renew() : session.token())}`;
    let response;
    try {
      response = await fetch(`${API}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        credentials: 'omit',
        signal,
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ApiError(0, 'The service cannot be reached. Check the connection and try again.');
    }
    /** @type {unknown} */
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    if (response.status === 401 && !renewed) {
      return api(path, { method, body, signal, renewed: true });
    }
    if (!response.ok) {
      const message =
        typeof data === 'object' &&
        data !== null &&
        'message' in data &&
        typeof data.message === 'string'
          ? data.message
          : response.statusText;
      throw new ApiError(response.status, message);
    }
    return data;
  }

  /**
   * Runs `task` over `items`, at most `limit` at a time, keeping the order of the results.
   * @template T, R
   * @param {T[]} items
   * @param {number} limit
   * @param {(item: T, index: number) => Promise<R>} task
   * @returns {Promise<R[]>}
   */
  async function mapWithLimit(items, limit, task) {
    /** @type {R[]} */
    const results = new Array(items.length);
    let next = 0;
    async function worker() {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index], index);
      }
    }
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
  }

  // ---------------------------------------------------------------- signing out

  function signOut() {
    cancelLoad();
    clearCards();
    void window.continuumSession.signOut();
  }

  // ---------------------------------------------------------------- end quarter

  /** @param {Quarter} selected */
  function fillQuarterSelect(selected) {
    const newest = [currentQuarter(), selected].sort(compareQuarters)[1];
    dom.endQuarter.replaceChildren();
    for (let period = newest; period.fyStart >= FIRST_FINANCIAL_YEAR;) {
      const id = quarterId(period);
      dom.endQuarter.append(
        el('option', {
          value: id,
          selected: id === quarterId(selected),
          text: `${quarterShortName(period)} (${quarterMonths(period)})`,
        }),
      );
      period = previousQuarter(period);
    }
  }

  /** The last quarter that has ended: the dashboard opens on it, not on the one in progress. */
  function lastClosedQuarter() {
    return previousQuarter(currentQuarter());
  }

  function requestedEndQuarter() {
    const requested = new URLSearchParams(window.location.search).get('to');
    if (requested === null) return lastClosedQuarter();
    const period = parseQuarterId(requested);
    if (period && period.fyStart >= FIRST_FINANCIAL_YEAR) return period;
    showAlert(
      `\u201c${requested}\u201d is not a quarter like FY2011-12-Q4; showing the last closed quarter.`,
    );
    return lastClosedQuarter();
  }

  function selectedEndQuarter() {
    return parseQuarterId(dom.endQuarter.value) || lastClosedQuarter();
  }

  /** @param {SubmitEvent} event */
  function changeEndQuarter(event) {
    event.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.set('to', dom.endQuarter.value);
    window.history.replaceState(null, '', url);
    clearAlert();
    void loadDashboard();
  }

  // ---------------------------------------------------------------- loading

  function cancelLoad() {
    if (currentLoad) currentLoad.abort();
    currentLoad = null;
  }

  /**
   * @param {AbortSignal} signal
   * @returns {Promise<Locality[]>}
   */
  async function fetchAllLocalities(signal) {
    /** @type {Locality[]} */
    const localities = [];
    /** @type {string | null} */
    let cursor = null;
    do {
      const query = new URLSearchParams({ limit: '200' });
      if (cursor) query.set('cursor', cursor);
      const page = /** @type {{ items: Locality[], nextCursor: string | null }} */ (
        await api(`/localities?${query.toString()}`, { signal })
      );
      localities.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return localities;
  }

  /** @param {Plan} plan */
  function flattenPlan(plan) {
    /** @type {PlanIndicator[]} */
    const indicators = [];
    for (const theme of plan.themes || []) {
      for (const priority of theme.priorities || []) {
        indicators.push(...(priority.indicators || []));
      }
    }
    return indicators;
  }

  /**
   * Every (quarter, whole authority or locality) answer, indexed by indicator code. A locality
   * the user may not see (403/404) is left out; a quarter the service cannot compute (400/422)
   * is shown as not available.
   * @param {Quarter[]} quarters
   * @param {Locality[]} localities
   * @param {AbortSignal} signal
   * @returns {Promise<IndicatorValues>}
   */
  async function fetchIndicatorValues(quarters, localities, signal) {
    const scopes = [null, ...localities.map((locality) => locality.id)];
    /** @type {{ index: number, period: Quarter, localityId: string | null }[]} */
    const requests = [];
    quarters.forEach((period, index) => {
      for (const localityId of scopes) requests.push({ index, period, localityId });
    });
    /** @type {string[]} */
    const problems = [];
    const answers = await mapWithLimit(requests, CONCURRENT_REQUESTS, async (request) => {
      const query = new URLSearchParams({ period: quarterId(request.period) });
      if (request.localityId) query.set('localityId', request.localityId);
      try {
        return /** @type {KpiAnswer} */ (await api(`/kpis?${query.toString()}`, { signal }));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.status === 403 || error.status === 404) return null;
        if (error.status === 400 || error.status === 422) {
          problems.push(`${quarterShortName(request.period)}: ${error.message}`);
          return null;
        }
        throw error;
      }
    });

    /** @type {IndicatorValues} */
    const values = { authority: [], byLocality: new Map(), problems };
    requests.forEach((request, n) => {
      const answer = answers[n];
      const items = answer ? new Map(answer.items.map((item) => [item.code, item])) : null;
      if (request.localityId === null) {
        values.authority[request.index] = items;
      } else {
        let list = values.byLocality.get(request.localityId);
        if (!list) {
          list = [];
          values.byLocality.set(request.localityId, list);
        }
        list[request.index] = items;
      }
    });
    return values;
  }

  async function loadDashboard() {
    cancelLoad();
    const load = new AbortController();
    currentLoad = load;
    const signal = load.signal;

    dom.session.hidden = false;
    dom.dashboard.hidden = false;
    const endQuarter = selectedEndQuarter();
    const quarters = quartersEndingWith(endQuarter, QUARTERS_SHOWN);
    setStatus('Loading the plan\u2026');

    try {
      const [plan, allLocalities] = await Promise.all([
        /** @type {Promise<Plan>} */ (api('/plans', { signal })),
        fetchAllLocalities(signal),
      ]);
      if (signal.aborted) return;
      dom.planName.textContent = plan.name || '';
      dom.planName.hidden = !plan.name;
      const cards = renderPlan(plan, quarters);

      setStatus(`Loading the figures for ${quarters.length} quarters\u2026`);
      const values = await fetchIndicatorValues(quarters, allLocalities, signal);
      if (signal.aborted) return;
      const localities = allLocalities.filter((locality) =>
        (values.byLocality.get(locality.id) || []).some(Boolean),
      );
      if (!values.authority.some(Boolean) && localities.length === 0) {
        throw new ApiError(403, 'No indicator values are visible to this account.');
      }

      // Three quarters of the page's type size: 13.5 px on a laptop, 15 px on a wide screen.
      chartLibrary().defaults.font.size =
        0.75 * parseFloat(getComputedStyle(document.documentElement).fontSize);
      renderLegend(localities, values.authority.some(Boolean));
      /** @type {RagCounts} */
      const counts = { green: 0, amber: 0, red: 0, other: 0 };
      for (const indicator of flattenPlan(plan)) {
        const card = cards.get(indicator.code);
        if (!card) continue;
        const rag = fillCard(card, indicator, quarters, localities, values);
        counts[rag === 'green' || rag === 'amber' || rag === 'red' ? rag : 'other'] += 1;
      }
      renderSummary(quarters, localities, counts);
      setStatus(`Showing ${cards.size} indicators up to ${quarterShortName(endQuarter)}.`);
      if (values.problems.length > 0) {
        showAlert(`Some quarters could not be computed. ${values.problems[0]}`);
      }
    } catch (error) {
      if (signal.aborted || isAbort(error)) return;
      setStatus('');
      if (error instanceof Error && error.message === 'signed-out') {
        setStatus('Your session has ended. Signing in again\u2026');
      } else if (error instanceof ApiError && error.status === 403) {
        clearCards();
        showAlert('Your role cannot see the plan\u2019s indicators.');
      } else {
        showAlert(
          `The indicators could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    } finally {
      if (currentLoad === load) currentLoad = null;
    }
  }

  // ---------------------------------------------------------------- rendering

  function clearCards() {
    for (const chart of charts) chart.destroy();
    charts = [];
    dom.themes.replaceChildren();
    dom.legend.replaceChildren();
    dom.periodSummary.textContent = '';
  }

  /**
   * Theme and priority sections with one card per indicator, before any value arrives.
   * @param {Plan} plan
   * @param {Quarter[]} quarters
   */
  function renderPlan(plan, quarters) {
    clearCards();
    /** @type {Map<string, Card>} */
    const cards = new Map();
    for (const theme of plan.themes || []) {
      const themeSection = el('section', { className: 'theme' }, [
        el('h2', { className: 'theme-title', text: theme.title }),
      ]);
      for (const priority of theme.priorities || []) {
        const grid = el('div', { className: 'cards' });
        for (const indicator of priority.indicators || []) {
          const card = buildCard(indicator, quarters);
          cards.set(indicator.code, card);
          grid.append(card.root);
        }
        themeSection.append(
          el('section', { className: 'priority' }, [
            el('h3', { className: 'priority-title', text: priority.title }),
            grid,
          ]),
        );
      }
      dom.themes.append(themeSection);
    }
    if (cards.size === 0) {
      dom.themes.append(el('p', { className: 'empty-plan', text: 'The plan has no indicators.' }));
    }
    return cards;
  }

  /**
   * @param {PlanIndicator} indicator
   * @param {Quarter[]} quarters
   * @returns {Card}
   */
  function buildCard(indicator, quarters) {
    const titleId = `indicator-${indicator.code}`;
    const value = el('span', { className: 'figure-value is-missing', text: 'Loading\u2026' });
    const context = el('span', { className: 'figure-context' });
    const rag = el('p', { className: 'rag rag-none' });
    const target = el('div', { className: 'target' });
    const canvas = el('canvas', {
      role: 'img',
      'aria-label': `Trend of ${indicator.title}: loading`,
      'data-quarters': quarters.length,
    });
    const table = el('div', { className: 'table-scroll' });
    const root = el(
      'article',
      { className: 'card', 'data-indicator': indicator.code, 'aria-labelledby': titleId },
      [
        el('h4', { className: 'card-title', id: titleId, text: indicator.title }),
        el('p', { className: 'card-meta', text: describeIndicator(indicator) }),
        el('p', { className: 'card-meta card-lead', text: describeLead(indicator) }),
        el('div', { className: 'headline' }, [
          el('p', { className: 'figure' }, [value, context]),
          rag,
        ]),
        target,
        el('div', { className: 'chart-box' }, [canvas]),
        el('details', { className: 'data' }, [
          el('summary', {}, [
            'Show data',
            el('span', { className: 'visually-hidden', text: ` for ${indicator.title}` }),
          ]),
          indicator.definition
            ? el('p', { className: 'definition', text: indicator.definition })
            : null,
          table,
        ]),
      ],
    );
    setRag(rag, root, 'unavailable');
    if (rag.lastChild) rag.lastChild.textContent = 'Loading\u2026';
    return { root, value, context, rag, target, canvas, table };
  }

  /**
   * Who leads on the indicator and who reviews it (the plan report's fields).
   * @param {PlanIndicator} indicator
   */
  function describeLead(indicator) {
    const lead = [indicator.leadOfficer, indicator.leadAgency].filter(Boolean).join(', ');
    /** @type {string[]} */
    const parts = [];
    if (lead) parts.push(`Lead: ${lead}`);
    if (indicator.monitoredBy) parts.push(`Monitored by ${indicator.monitoredBy}`);
    return parts.join(' \u00b7 ');
  }

  /** @param {PlanIndicator} indicator */
  function describeIndicator(indicator) {
    const frequency = indicator.frequency
      ? indicator.frequency[0].toUpperCase() + indicator.frequency.slice(1)
      : '';
    const direction =
      indicator.polarity === 'lower_is_better' ? 'Lower is better' : 'Higher is better';
    return [indicator.code, frequency, direction].filter(Boolean).join(' \u00b7 ');
  }

  /**
   * @param {HTMLElement} element
   * @param {HTMLElement} card
   * @param {keyof typeof RAG} key
   */
  function setRag(element, card, key) {
    const rag = RAG[key];
    element.className = `rag ${rag.className}`;
    element.replaceChildren(
      el('span', { className: 'rag-icon', 'aria-hidden': 'true', text: rag.icon }),
      el('span', { className: 'rag-label', text: rag.label }),
    );
    card.dataset.rag = key;
  }

  /**
   * @param {KpiItem | undefined} item
   * @returns {keyof typeof RAG}
   */
  function ragKey(item) {
    if (item === undefined) return 'unavailable';
    if (item.rag === 'green' || item.rag === 'amber' || item.rag === 'red') return item.rag;
    if (item.suppressed) return 'suppressed';
    if (item.target === null || item.target === undefined) return 'noTarget';
    return 'noData';
  }

  /**
   * @param {PlanIndicator} indicator
   * @param {Quarter} period
   * @param {KpiItem | undefined} authorityItem
   * @returns {number | null}
   */
  function targetFor(indicator, period, authorityItem) {
    /** @type {Record<string, number | null>} */
    const targets = indicator.targets || {};
    const planned = targets[financialYearId(period.fyStart)];
    if (typeof planned === 'number') return planned;
    return authorityItem && typeof authorityItem.target === 'number' ? authorityItem.target : null;
  }

  /**
   * Fills one card from the fetched values; answers its RAG key for the page's summary.
   * @param {Card} card
   * @param {PlanIndicator} indicator
   * @param {Quarter[]} quarters
   * @param {Locality[]} localities
   * @param {IndicatorValues} values
   */
  function fillCard(card, indicator, quarters, localities, values) {
    const code = indicator.code;
    const last = quarters.length - 1;
    /**
     * @param {(QuarterItems | undefined)[]} answers
     * @param {number} index
     */
    const itemAt = (answers, index) => {
      const answer = answers[index];
      return answer ? answer.get(code) : undefined;
    };
    const authority = quarters.map((_, index) => itemAt(values.authority, index));
    /** @type {LocalitySeries[]} */
    const byLocality = localities.map((locality) => ({
      locality,
      items: quarters.map((_, index) => itemAt(values.byLocality.get(locality.id) || [], index)),
    }));
    const targets = quarters.map((period, index) => targetFor(indicator, period, authority[index]));
    const latest = authority[last];

    // Headline: the whole authority in the end quarter.
    const shown = plotted(latest);
    card.value.className = shown === null ? 'figure-value is-missing' : 'figure-value';
    card.value.replaceChildren();
    if (shown === null) {
      card.value.textContent =
        latest === undefined ? 'Not available' : latest.suppressed ? 'Suppressed' : 'No data';
    } else {
      card.value.append(formatNumber(shown, indicator));
      const words = unitWords(indicator);
      if (words) card.value.append(el('span', { className: 'figure-unit', text: ` ${words}` }));
    }
    const context = [`Whole authority, ${quarterShortName(quarters[last])}`];
    if (
      shown !== null &&
      latest !== undefined &&
      indicator.unit === 'percent' &&
      typeof latest.numerator === 'number' &&
      typeof latest.denominator === 'number'
    ) {
      context.push(
        `${wholeNumber.format(latest.numerator)} of ${wholeNumber.format(latest.denominator)}`,
      );
    }
    card.context.textContent = context.join(' \u00b7 ');

    const key = ragKey(latest);
    setRag(card.rag, card.root, key);
    const target = latest && typeof latest.target === 'number' ? latest.target : targets[last];
    card.target.replaceChildren(
      ...[
        el('p', {
          text:
            target === null
              ? `No target for ${financialYearId(quarters[last].fyStart)}`
              : `Target ${financialYearId(quarters[last].fyStart)}: ${formatWithUnit(target, indicator)}`,
        }),
        indicator.baseline
          ? el('p', {
              text: `Baseline ${indicator.baseline.period}: ${formatWithUnit(indicator.baseline.value, indicator)}`,
            })
          : null,
        latest && latest.commentary
          ? el('p', { className: 'commentary', text: latest.commentary })
          : null,
      ].filter((paragraph) => paragraph !== null),
    );

    drawChart(card, indicator, quarters, authority, byLocality, targets);
    card.table.replaceChildren(dataTable(indicator, quarters, authority, byLocality, targets));
    return key;
  }

  /** @param {number} index */
  function localityStyle(index) {
    return {
      colour: LOCALITY_COLOURS[index % LOCALITY_COLOURS.length],
      shape: LOCALITY_SHAPES[index % LOCALITY_SHAPES.length],
      // Beyond the palette, a dash tells two lines of the same colour apart.
      dash: index >= LOCALITY_COLOURS.length ? [3, 3] : [],
    };
  }

  /**
   * @param {Card} card
   * @param {PlanIndicator} indicator
   * @param {Quarter[]} quarters
   * @param {(KpiItem | undefined)[]} authority
   * @param {LocalitySeries[]} byLocality
   * @param {(number | null)[]} targets
   */
  function drawChart(card, indicator, quarters, authority, byLocality, targets) {
    const hasAuthority = authority.some((item) => item !== undefined);
    /** @type {Dataset[]} */
    const datasets = byLocality.map(({ locality, items }, index) => {
      const style = localityStyle(index);
      return {
        label: locality.name,
        data: items.map(plotted),
        borderColor: style.colour,
        backgroundColor: style.colour,
        borderWidth: 2,
        borderDash: style.dash,
        pointStyle: style.shape,
        pointRadius: 4,
        pointHoverRadius: 6,
        clip: 8,
        items,
      };
    });
    if (hasAuthority) {
      datasets.unshift({
        label: 'Whole authority',
        data: authority.map(plotted),
        borderColor: AUTHORITY_COLOUR,
        backgroundColor: AUTHORITY_COLOUR,
        borderWidth: 4,
        pointStyle: 'circle',
        pointRadius: 4,
        pointHoverRadius: 6,
        clip: 8,
        items: authority,
        order: -1,
      });
    }
    if (targets.some((target) => target !== null)) {
      datasets.push({
        label: 'Target',
        data: targets,
        borderColor: TARGET_COLOUR,
        backgroundColor: TARGET_COLOUR,
        borderWidth: 2,
        borderDash: [8, 5],
        pointRadius: 0,
        pointHoverRadius: 0,
        // A financial year's target holds for its four quarters and changes between Q4 and Q1.
        stepped: 'middle',
        order: 1,
      });
    }

    const percent = indicator.unit === 'percent';
    /** @type {import('chart.js').ChartConfiguration<'line', (number | null)[], string[]>} */
    const config = {
      type: 'line',
      data: {
        labels: quarters.map((period) => [
          `Q${period.q}`,
          financialYearId(period.fyStart).slice(2),
        ]),
        datasets,
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: reducedMotion.matches ? false : { duration: 400 },
        spanGaps: false,
        interaction: { mode: 'index', intersect: false },
        layout: { padding: { top: 4, right: 8 } },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label(context) {
                const { items } = /** @type {Dataset} */ (context.dataset);
                const item = items ? items[context.dataIndex] : undefined;
                const text =
                  items === undefined
                    ? context.parsed.y === null
                      ? 'none'
                      : formatNumber(context.parsed.y, indicator)
                    : describeItem(item, indicator);
                return `${context.dataset.label}: ${text}`;
              },
            },
          },
        },
        scales: {
          x: {
            grid: { display: false },
            ticks: { color: TEXT_COLOUR, autoSkip: false, maxRotation: 0 },
          },
          y: {
            beginAtZero: true,
            max: percent ? 100 : undefined,
            grid: { color: GRID_COLOUR },
            border: { display: false },
            ticks: {
              color: TEXT_COLOUR,
              maxTicksLimit: 6,
              precision: indicator.unit === 'count' ? 0 : undefined,
              callback: (value) => (percent ? `${value}%` : upToOneDecimal.format(Number(value))),
            },
          },
        },
      },
    };
    const Chart = chartLibrary();
    const chart = new Chart(card.canvas, config);
    charts.push(chart);
    card.canvas.setAttribute(
      'aria-label',
      chartSummary(indicator, quarters, authority, byLocality, targets),
    );
  }

  /**
   * @param {PlanIndicator} indicator
   * @param {Quarter[]} quarters
   * @param {(KpiItem | undefined)[]} authority
   * @param {LocalitySeries[]} byLocality
   * @param {(number | null)[]} targets
   */
  function chartSummary(indicator, quarters, authority, byLocality, targets) {
    const first = quarterShortName(quarters[0]);
    const last = quarterShortName(quarters[quarters.length - 1]);
    const sentences = [`Line chart of ${indicator.title}, ${first} to ${last}.`];
    if (authority.some((item) => item !== undefined)) {
      sentences.push(
        `Whole authority: ${describeItem(authority[0], indicator)} in ${first}, ` +
          `${describeItem(authority[authority.length - 1], indicator)} in ${last}.`,
      );
    }
    const target = targets[targets.length - 1];
    if (target !== null) sentences.push(`Target: ${formatWithUnit(target, indicator)}.`);
    if (byLocality.length > 0) {
      sentences.push(
        `One line for each locality: ${byLocality.map(({ locality }) => locality.name).join(', ')}.`,
      );
    }
    sentences.push('Every value is in the table under \u201cShow data\u201d.');
    return sentences.join(' ');
  }

  /**
   * @param {PlanIndicator} indicator
   * @param {Quarter[]} quarters
   * @param {(KpiItem | undefined)[]} authority
   * @param {LocalitySeries[]} byLocality
   * @param {(number | null)[]} targets
   */
  function dataTable(indicator, quarters, authority, byLocality, targets) {
    const hasAuthority = authority.some((item) => item !== undefined);
    const words = unitWords(indicator);
    const header = el('tr', {}, [
      el('th', { scope: 'col', text: 'Quarter' }),
      hasAuthority ? el('th', { scope: 'col', text: 'Whole authority' }) : null,
      ...byLocality.map(({ locality }) => el('th', { scope: 'col', text: locality.name })),
      el('th', { scope: 'col', text: 'Target' }),
    ]);
    const rows = quarters.map((period, index) =>
      el('tr', {}, [
        el('th', { scope: 'row', text: quarterShortName(period) }),
        hasAuthority ? el('td', { text: describeItem(authority[index], indicator) }) : null,
        ...byLocality.map(({ items }) => el('td', { text: describeItem(items[index], indicator) })),
        el('td', { text: describeTarget(targets[index], indicator) }),
      ]),
    );
    return el('table', {}, [
      el('caption', { text: `${indicator.title}${words ? ` (${words})` : ''}, by quarter` }),
      el('thead', {}, [header]),
      el('tbody', {}, rows),
    ]);
  }

  /**
   * @param {number | null} target
   * @param {PlanIndicator} indicator
   */
  function describeTarget(target, indicator) {
    return target === null ? 'none' : formatNumber(target, indicator);
  }

  /**
   * @param {Quarter[]} quarters
   * @param {Locality[]} localities
   * @param {RagCounts} counts
   */
  function renderSummary(quarters, localities, counts) {
    const first = quarterShortName(quarters[0]);
    const last = quarterShortName(quarters[quarters.length - 1]);
    const where = localities.length === 1 ? '1 locality' : `${localities.length} localities`;
    dom.periodSummary.replaceChildren(
      el('strong', { text: `${first} to ${last}` }),
      ` \u00b7 ${where} \u00b7 Green ${counts.green}, Amber ${counts.amber}, Red ${counts.red}, ` +
        `not rated ${counts.other}`,
    );
  }

  /**
   * One key for every chart (drawn with the charts' own shapes), kept in view while scrolling.
   * @param {Locality[]} localities
   * @param {boolean} hasAuthority
   */
  function renderLegend(localities, hasAuthority) {
    /** @type {LegendEntry[]} */
    const entries = [];
    if (hasAuthority) {
      entries.push({
        label: 'Whole authority',
        colour: AUTHORITY_COLOUR,
        width: 4,
        shape: 'circle',
      });
    }
    localities.forEach((locality, index) => {
      const style = localityStyle(index);
      entries.push({
        label: locality.name,
        colour: style.colour,
        width: 2,
        shape: style.shape,
        dash: style.dash,
      });
    });
    entries.push({ label: 'Target', colour: TARGET_COLOUR, width: 2, shape: false, dash: [8, 5] });
    dom.legend.replaceChildren(
      ...entries.map((entry) => el('li', {}, [legendSwatch(entry), entry.label])),
    );
  }

  /** @param {LegendEntry} entry */
  function legendSwatch(entry) {
    const canvas = el('canvas', { 'aria-hidden': 'true', width: 80, height: 32 });
    const context = canvas.getContext('2d');
    if (!context) return canvas;
    context.scale(2, 2);
    context.strokeStyle = entry.colour;
    context.fillStyle = entry.colour;
    context.lineWidth = entry.width;
    context.setLineDash(entry.dash || []);
    context.beginPath();
    context.moveTo(2, 8);
    context.lineTo(38, 8);
    context.stroke();
    context.setLineDash([]);
    // The UMD build carries the drawing helpers, which chart.js's types leave out.
    const helpers = /** @type {{ helpers?: { drawPoint?: ChartDrawPoint } } | undefined} */ (
      /** @type {unknown} */ (window.Chart)
    )?.helpers;
    if (entry.shape && helpers && helpers.drawPoint) {
      context.lineWidth = 2;
      helpers.drawPoint(
        context,
        { pointStyle: entry.shape, radius: 4.5, rotation: 0, borderWidth: 2 },
        20,
        8,
      );
    }
    return canvas;
  }

  /**
   * @callback ChartDrawPoint
   * @param {CanvasRenderingContext2D} context
   * @param {{ pointStyle: import('chart.js').PointStyle, radius: number, rotation: number, borderWidth: number }} options
   * @param {number} x
   * @param {number} y
   * @returns {void}
   */

  // ---------------------------------------------------------------- start

  /** chart.js, which the page loads before this script (start() stops when it did not). */
  function chartLibrary() {
    const Chart = window.Chart;
    if (!Chart) throw new Error('The chart library did not load. Reload the page.');
    return Chart;
  }

  function configureCharts() {
    const Chart = chartLibrary();
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = TEXT_COLOUR;
    Chart.defaults.animation = reducedMotion.matches ? false : Chart.defaults.animation;
    reducedMotion.addEventListener('change', () => {
      for (const chart of charts) {
        chart.options.animation = reducedMotion.matches ? false : { duration: 400 };
        chart.update('none');
      }
    });
  }

  function start() {
    if (!window.Chart) {
      showAlert('The chart library did not load. Reload the page.');
      return;
    }
    configureCharts();
    fillQuarterSelect(requestedEndQuarter());
    dom.signOut.addEventListener('click', signOut);
    dom.periodForm.addEventListener('submit', changeEndQuarter);
    void loadDashboard();
  }

  start();
})();
