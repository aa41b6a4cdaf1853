// The managers' dashboard (SPEC §4.10). Plain ES2020 with no build step: it signs in, reads the
// plan, the localities and 8 quarters of indicator values through the public API, and draws one
// card and one trend chart per indicator. It keeps nothing but the bearer token (sessionStorage).
'use strict';

(function dashboard() {
  const API = '/api/v1';
  const SESSION_KEY = 'continuum.dashboard.session';
  const QUARTERS_SHOWN = 8;
  const CONCURRENT_REQUESTS = 6;
  // The service's working-day calendar starts in 2000; nothing earlier can be computed.
  const FIRST_FINANCIAL_YEAR = 2000;

  // Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), the darker
  // ones first, and a point shape per locality so that colour is never the only cue.
  const LOCALITY_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];
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
    signin: byId('signin'),
    signinForm: byId('signin-form'),
    signinButton: byId('signin-button'),
    email: byId('email'),
    password: byId('password'),
    session: byId('session'),
    signOut: byId('sign-out'),
    periodForm: byId('period-form'),
    endQuarter: byId('end-quarter'),
    dashboard: byId('dashboard'),
    planName: byId('plan-name'),
    periodSummary: byId('period-summary'),
    legend: byId('legend'),
    themes: byId('themes'),
    main: byId('main'),
  };

  /** The load in progress, cancelled when another starts or the user signs out. */
  let currentLoad = null;
  /** Chart instances on the page, destroyed before the cards are rebuilt. */
  let charts = [];

  // ---------------------------------------------------------------- periods (SPEC §2)

  /** A quarter of a financial year: FY2011-12-Q1 is April to June 2011. */
  function quarter(fyStart, q) {
    return { fyStart, q };
  }

  function financialYearId(fyStart) {
    return `FY${fyStart}-${String((fyStart + 1) % 100).padStart(2, '0')}`;
  }

  function quarterId(period) {
    return `${financialYearId(period.fyStart)}-Q${period.q}`;
  }

  function parseQuarterId(text) {
    const match = /^FY(\d{4})-(\d{2})-Q([1-4])$/.exec(text || '');
    if (!match) return null;
    const fyStart = Number(match[1]);
    if ((fyStart + 1) % 100 !== Number(match[2])) return null;
    return quarter(fyStart, Number(match[3]));
  }

  function quarterOfMonth(year, month) {
    if (month >= 4) return quarter(year, Math.floor((month - 4) / 3) + 1);
    return quarter(year - 1, 4);
  }

  function previousQuarter(period) {
    return period.q === 1 ? quarter(period.fyStart - 1, 4) : quarter(period.fyStart, period.q - 1);
  }

  function compareQuarters(a, b) {
    return a.fyStart - b.fyStart || a.q - b.q;
  }

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
    const part = (type) => Number(parts.find((p) => p.type === type).value);
    return quarterOfMonth(part('year'), part('month'));
  }

  function quarterMonths(period) {
    const firstMonth = (period.q * 3) % 12; // Q1 → April (index 3), Q4 → January (index 0)
    const year = period.q === 4 ? period.fyStart + 1 : period.fyStart;
    return `${MONTHS[firstMonth]}\u2013${MONTHS[firstMonth + 2]} ${year}`;
  }

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

  /** What a rate or a median is counted in, from the metric's name (e.g. `…_per_10000`). */
  function unitWords(indicator) {
    const metric = String(indicator.metric || indicator.code || '');
    if (indicator.unit === 'rate') {
      const per = /per_(\d+)/.exec(metric);
      return per ? `per ${wholeNumber.format(Number(per[1]))}` : 'rate';
    }
    if (indicator.unit === 'median' && /working_days/.test(metric)) return 'working days';
    return '';
  }

  function formatWithUnit(value, indicator) {
    const words = unitWords(indicator);
    return words ? `${formatNumber(value, indicator)} ${words}` : formatNumber(value, indicator);
  }

  /** A cell of the data table or a tooltip: the value, or why there is none. */
  function describeItem(item, indicator) {
    if (item === undefined) return 'not available';
    if (item.suppressed) return 'suppressed';
    if (item.value === null || item.value === undefined) return 'no data';
    return formatNumber(item.value, indicator);
  }

  function plotted(item) {
    if (!item || item.suppressed || typeof item.value !== 'number') return null;
    return item.value;
  }

  // ---------------------------------------------------------------- DOM helpers

  function byId(id) {
    const element = document.getElementById(id);
    if (!element) throw new Error(`The page has no #${id}`);
    return element;
  }

  function el(tag, attributes, children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'text') element.textContent = String(value);
      else if (name === 'className') element.className = value;
      else element.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children || []) {
      if (child === null || child === undefined) continue;
      element.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return element;
  }

  function showAlert(message) {
    dom.alert.textContent = message;
  }

  function clearAlert() {
    dom.alert.textContent = '';
  }

  function setStatus(message) {
    dom.status.textContent = message;
  }

  // ---------------------------------------------------------------- session and API

  function readSession() {
    try {
      const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
      if (session && typeof session.token === 'string' && session.expiresAt > Date.now()) {
        return session;
      }
    } catch {
      // A damaged entry is treated as no session.
    }
    sessionStorage.removeItem(SESSION_KEY);
    return null;
  }

  function saveSession(token, expiresInSeconds) {
    // A little early, so that a token is not used in its last seconds.
    const expiresAt = Date.now() + Math.max(0, Number(expiresInSeconds) - 10) * 1000;
    sessionStorage.setItem(SESSION_KEY, JSON.stringify({ token, expiresAt }));
  }

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, options) {
    const { method = 'GET', body, signal, authenticated = true } = options || {};
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (authenticated) {
      const session = readSession();
      if (!session) throw new ApiError(401, 'Your session has ended.');
      headers.Authorization = `Bearer ${session.token}`;
    }
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
      if (error && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'The service cannot be reached. Check the connection and try again.');
    }
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    if (!response.ok) {
      const message = data && typeof data.message === 'string' ? data.message : response.statusText;
      throw new ApiError(response.status, message);
    }
    return data;
  }

  /** Runs `task` over `items`, at most `limit` at a time, keeping the order of the results. */
  async function mapWithLimit(items, limit, task) {
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

  // ---------------------------------------------------------------- sign-in and sign-out

  function showSignIn(message) {
    dom.session.hidden = true;
    dom.dashboard.hidden = true;
    dom.planName.hidden = true;
    dom.signin.hidden = false;
    setStatus(message || '');
    dom.password.value = '';
    dom.email.focus();
  }

  function endSession(message) {
    cancelLoad();
    sessionStorage.removeItem(SESSION_KEY);
    clearCards();
    if (message) showAlert(message);
    else clearAlert();
    showSignIn(message ? '' : 'You have signed out.');
  }

  async function signIn(event) {
    event.preventDefault();
    clearAlert();
    const email = dom.email.value.trim();
    const password = dom.password.value;
    if (!email || !password) {
      showAlert('Enter your email address and your password.');
      (email ? dom.password : dom.email).focus();
      return;
    }
    dom.signinButton.disabled = true;
    setStatus('Signing in\u2026');
    try {
      const body = await api('/auth/login', {
        method: 'POST',
        body: { email, password },
        authenticated: false,
      });
      saveSession(body.accessToken, body.expiresIn);
      dom.password.value = '';
      dom.signin.hidden = true;
      setStatus('');
      dom.main.focus();
      await loadDashboard();
    } catch (error) {
      setStatus('');
      showAlert(signInFailure(error));
      dom.password.focus();
    } finally {
      dom.signinButton.disabled = false;
    }
  }

  function signInFailure(error) {
    if (!(error instanceof ApiError)) return 'Signing in failed. Try again.';
    if (error.status === 401) return 'The email address or the password is not right.';
    if (error.status === 429) {
      return 'Too many sign-in attempts. Wait a few minutes, then try again.';
    }
    if (error.status === 400) return `Check the form: ${error.message}`;
    if (error.status === 0) return error.message;
    return `Signing in failed (${error.status}). Try again in a moment.`;
  }

  // ---------------------------------------------------------------- end quarter

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

  async function fetchAllLocalities(signal) {
    const localities = [];
    let cursor = null;
    do {
      const query = new URLSearchParams({ limit: '200' });
      if (cursor) query.set('cursor', cursor);
      const page = await api(`/localities?${query}`, { signal });
      localities.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return localities;
  }

  function flattenPlan(plan) {
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
   */
  async function fetchIndicatorValues(quarters, localities, signal) {
    const scopes = [null, ...localities.map((locality) => locality.id)];
    const requests = [];
    quarters.forEach((period, index) => {
      for (const localityId of scopes) requests.push({ index, period, localityId });
    });
    const problems = [];
    const answers = await mapWithLimit(requests, CONCURRENT_REQUESTS, async (request) => {
      const query = new URLSearchParams({ period: quarterId(request.period) });
      if (request.localityId) query.set('localityId', request.localityId);
      try {
        return await api(`/kpis?${query}`, { signal });
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

    const values = { authority: [], byLocality: new Map(), problems };
    requests.forEach((request, n) => {
      const answer = answers[n];
      const items = answer ? new Map(answer.items.map((item) => [item.code, item])) : null;
      if (request.localityId === null) {
        values.authority[request.index] = items;
      } else {
        if (!values.byLocality.has(request.localityId)) {
          values.byLocality.set(request.localityId, []);
        }
        values.byLocality.get(request.localityId)[request.index] = items;
      }
    });
    return values;
  }

  async function loadDashboard() {
    cancelLoad();
    const load = new AbortController();
    currentLoad = load;
    const signal = load.signal;

    dom.signin.hidden = true;
    dom.session.hidden = false;
    dom.dashboard.hidden = false;
    const endQuarter = selectedEndQuarter();
    const quarters = quartersEndingWith(endQuarter, QUARTERS_SHOWN);
    setStatus('Loading the plan\u2026');

    try {
      const [plan, allLocalities] = await Promise.all([
        api('/plans', { signal }),
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
      window.Chart.defaults.font.size =
        0.75 * parseFloat(getComputedStyle(document.documentElement).fontSize);
      renderLegend(localities, values.authority.some(Boolean));
      const counts = { green: 0, amber: 0, red: 0, other: 0 };
      for (const indicator of flattenPlan(plan)) {
        const card = cards.get(indicator.code);
        if (!card) continue;
        const rag = fillCard(card, indicator, quarters, localities, values);
        counts[rag in counts ? rag : 'other'] += 1;
      }
      renderSummary(quarters, localities, counts);
      setStatus(`Showing ${cards.size} indicators up to ${quarterShortName(endQuarter)}.`);
      if (values.problems.length > 0) {
        showAlert(`Some quarters could not be computed. ${values.problems[0]}`);
      }
    } catch (error) {
      if (signal.aborted || (error && error.name === 'AbortError')) return;
      setStatus('');
      if (error instanceof ApiError && error.status === 401) {
        endSession('Your session has ended. Sign in again.');
      } else if (error instanceof ApiError && error.status === 403) {
        clearCards();
        showAlert('Your role cannot see the plan\u2019s indicators.');
      } else {
        showAlert(
          `The indicators could not be loaded: ${error instanceof Error ? error.message : error}`,
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

  /** Theme and priority sections with one card per indicator, before any value arrives. */
  function renderPlan(plan, quarters) {
    clearCards();
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
    rag.lastChild.textContent = 'Loading\u2026';
    return { root, value, context, rag, target, canvas, table };
  }

  /** Who leads on the indicator and who reviews it (the plan report's fields). */
  function describeLead(indicator) {
    const lead = [indicator.leadOfficer, indicator.leadAgency].filter(Boolean).join(', ');
    const parts = [];
    if (lead) parts.push(`Lead: ${lead}`);
    if (indicator.monitoredBy) parts.push(`Monitored by ${indicator.monitoredBy}`);
    return parts.join(' \u00b7 ');
  }

  function describeIndicator(indicator) {
    const frequency = indicator.frequency
      ? indicator.frequency[0].toUpperCase() + indicator.frequency.slice(1)
      : '';
    const direction =
      indicator.polarity === 'lower_is_better' ? 'Lower is better' : 'Higher is better';
    return [indicator.code, frequency, direction].filter(Boolean).join(' \u00b7 ');
  }

  function setRag(element, card, key) {
    const rag = RAG[key];
    element.className = `rag ${rag.className}`;
    element.replaceChildren(
      el('span', { className: 'rag-icon', 'aria-hidden': 'true', text: rag.icon }),
      el('span', { className: 'rag-label', text: rag.label }),
    );
    card.dataset.rag = key;
  }

  function ragKey(item) {
    if (item === undefined) return 'unavailable';
    if (item.rag === 'green' || item.rag === 'amber' || item.rag === 'red') return item.rag;
    if (item.suppressed) return 'suppressed';
    if (item.target === null || item.target === undefined) return 'noTarget';
    return 'noData';
  }

  function targetFor(indicator, period, authorityItem) {
    const targets = indicator.targets || {};
    const planned = targets[financialYearId(period.fyStart)];
    if (typeof planned === 'number') return planned;
    return authorityItem && typeof authorityItem.target === 'number' ? authorityItem.target : null;
  }

  /** Fills one card from the fetched values; answers its RAG key for the page's summary. */
  function fillCard(card, indicator, quarters, localities, values) {
    const code = indicator.code;
    const last = quarters.length - 1;
    const itemAt = (answers, index) => (answers[index] ? answers[index].get(code) : undefined);
    const authority = quarters.map((_, index) => itemAt(values.authority, index));
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
    );

    drawChart(card, indicator, quarters, authority, byLocality, targets);
    card.table.replaceChildren(dataTable(indicator, quarters, authority, byLocality, targets));
    return key;
  }

  function localityStyle(index) {
    return {
      colour: LOCALITY_COLOURS[index % LOCALITY_COLOURS.length],
      shape: LOCALITY_SHAPES[index % LOCALITY_SHAPES.length],
      // Beyond the palette, a dash tells two lines of the same colour apart.
      dash: index >= LOCALITY_COLOURS.length ? [3, 3] : [],
    };
  }

  function drawChart(card, indicator, quarters, authority, byLocality, targets) {
    const hasAuthority = authority.some((item) => item !== undefined);
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
    const chart = new window.Chart(card.canvas, {
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
                const item = context.dataset.items
                  ? context.dataset.items[context.dataIndex]
                  : undefined;
                const text =
                  context.dataset.items === undefined
                    ? formatNumber(context.parsed.y, indicator)
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
              callback: (value) => (percent ? `${value}%` : upToOneDecimal.format(value)),
            },
          },
        },
      },
    });
    charts.push(chart);
    card.canvas.setAttribute(
      'aria-label',
      chartSummary(indicator, quarters, authority, byLocality, targets),
    );
  }

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
        el('td', {
          text: targets[index] === null ? 'none' : formatNumber(targets[index], indicator),
        }),
      ]),
    );
    return el('table', {}, [
      el('caption', { text: `${indicator.title}${words ? ` (${words})` : ''}, by quarter` }),
      el('thead', {}, [header]),
      el('tbody', {}, rows),
    ]);
  }

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

  /** One key for every chart (drawn with the charts' own shapes), kept in view while scrolling. */
  function renderLegend(localities, hasAuthority) {
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
    const helpers = window.Chart && window.Chart.helpers;
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

  // ---------------------------------------------------------------- start

  function configureCharts() {
    const Chart = window.Chart;
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
    dom.signinForm.addEventListener('submit', (event) => void signIn(event));
    dom.signOut.addEventListener('click', () => endSession());
    dom.periodForm.addEventListener('submit', changeEndQuarter);
    if (readSession()) void loadDashboard();
    else showSignIn();
  }

  start();
})();
