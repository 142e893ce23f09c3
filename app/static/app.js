// Start the NHS.UK frontend components (character counts, error summary focus, header menu).
import { initAll } from './nhsuk/nhsuk-frontend.min.js'

initAll()

// Survey pages: a question whose show_if reads an answer on the same page is shown only while
// its condition holds, worked out as the server does (app/surveys/logic.py: an answer inside a
// hidden question counts as no answer). Without this script every such question is shown, and
// the server ignores answers to those its condition hides.
function holds (condition, answers) {
  switch (condition.op) {
    case 'in': return (answers[condition.question] || []).some(v => condition.values.includes(v))
    case 'all': return condition.terms.every(t => holds(t, answers))
    case 'any': return condition.terms.some(t => holds(t, answers))
    case 'not': return !holds(condition.terms[0], answers)
    default: return true
  }
}

function answersOn (form) {
  const answers = JSON.parse(form.dataset.known || '{}')
  for (const input of form.querySelectorAll('input, select')) {
    if (!input.name || !input.value || input.closest('[data-show-if][hidden]')) continue
    if ((input.type === 'radio' || input.type === 'checkbox') && !input.checked) continue
    const key = input.name.replace('-', '.') // a matrix row is posted as question-row
    ;(answers[key] = answers[key] || []).push(input.value)
  }
  return answers
}

function revealConditionalQuestions (form) {
  const questions = [...form.querySelectorAll('[data-show-if]')]
  if (!questions.length) return
  const conditions = new Map(questions.map(q => [q, JSON.parse(q.dataset.showIf)]))
  const update = () => {
    for (let pass = 0; pass <= questions.length; pass++) { // until nothing changes
      const answers = answersOn(form)
      let changed = false
      for (const [question, condition] of conditions) {
        const hide = !holds(condition, answers)
        if (question.hidden !== hide) {
          question.hidden = hide
          changed = true
        }
      }
      if (!changed) break
    }
  }
  form.addEventListener('change', update)
  update()
}

document.querySelectorAll('form').forEach(revealConditionalQuestions)

// A searchable drop-down (an organisation question: a <select data-app-autocomplete>) becomes a
// search box, accessible-autocomplete enhancing the select, loaded only on pages that have one.
// Without scripts the select still works. What is chosen is set on the select, which is what
// the form sends; the choices in `always` (My organisation is not listed) follow every search.
const escapeHtml = text => text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
const simplified = text => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
const fill = (template, values) => template.replace(/%\{(\w+)\}/g, (_, key) => values[key])

function searchIn (options) {
  const names = options.map(o => ({ text: o.textContent, words: simplified(o.textContent) }))
  return query => {
    const wanted = simplified(query).split(' ').filter(Boolean)
    const found = names.filter(n => wanted.every(w => n.words.includes(w)))
    const first = wanted[0] || ''
    // Names that start with what was typed come first, otherwise in the list's order.
    return [...found.filter(n => n.words.startsWith(first)),
      ...found.filter(n => !n.words.startsWith(first))].map(n => n.text)
  }
}

// The select's hint and error stay the search box's description (the component sets its own).
function keepDescribed (input, ids) {
  if (!ids) return
  const keep = () => {
    const now = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)
    const wanted = [...new Set([...ids.split(' '), ...now])].join(' ')
    if (wanted !== now.join(' ')) input.setAttribute('aria-describedby', wanted)
  }
  new MutationObserver(keep).observe(input, { attributes: true, attributeFilter: ['aria-describedby'] })
  keep()
}

// The grey completion behind the box is a second, unlabelled input: screen readers hear the
// status messages instead, so it is hidden from them whenever the component draws it.
function hideCompletion (wrapper) {
  const hide = () => wrapper.querySelectorAll('.autocomplete__hint:not([aria-hidden])')
    .forEach(hint => hint.setAttribute('aria-hidden', 'true'))
  new MutationObserver(hide).observe(wrapper, { childList: true, subtree: true })
}

function makeSearchable (select, accessibleAutocomplete) {
  const words = JSON.parse(select.dataset.appAutocomplete)
  const options = [...select.options].filter(o => o.value)
  const always = options.filter(o => words.always.includes(o.value)).map(o => o.textContent)
  const search = searchIn(options.filter(o => !words.always.includes(o.value)))
  const id = select.id
  const described = select.getAttribute('aria-describedby')
  const choose = text => {
    const input = document.getElementById(id)
    const typed = text === undefined ? (input ? input.value : '') : text
    const option = options.find(o => o.textContent === typed)
    const value = option ? option.value : '' // nothing, or words that match no choice
    if (select.value !== value) {
      select.value = value
      select.dispatchEvent(new Event('change', { bubbles: true })) // show_if on this page
    }
  }
  accessibleAutocomplete.enhanceSelectElement({
    selectElement: select,
    defaultValue: '',
    source: (query, populate) => populate([...search(query), ...always]),
    // Typing opens the list, its first match highlighted (Enter or leaving the box picks it). No
    // "show all" arrow: with it, leaving an emptied box would pick the first organisation.
    autoselect: true,
    onConfirm: choose,
    templates: { inputValue: text => text || '', suggestion: text => escapeHtml(text || '') },
    inputClasses: 'nhsuk-input' + (select.classList.contains('nhsuk-select--error') ? ' nhsuk-input--error' : ''),
    hintClasses: 'nhsuk-input',
    tNoResults: () => words.noResults,
    tAssistiveHint: () => words.assistiveHint,
    tStatusNoResults: () => words.noResults,
    tStatusSelectedOption: (option, count, index) =>
      fill(words.highlighted, { option, position: index + 1, count }),
    tStatusResults: (count, selected) =>
      fill(count === 1 ? words.resultsOne : words.resultsOther, { count }) + ' ' + (selected || '')
  })
  const input = document.getElementById(id)
  if (input) {
    keepDescribed(input, described)
    hideCompletion(input.closest('.autocomplete__wrapper'))
    input.addEventListener('input', () => { if (!input.value) choose('') })
  }
}

async function enhanceSearchableSelects () {
  const selects = document.querySelectorAll('select[data-app-autocomplete]')
  if (!selects.length) return
  // A UMD file: imported, it sets window.accessibleAutocomplete.
  await import('./autocomplete/accessible-autocomplete.min.js')
  selects.forEach(select => makeSearchable(select, window.accessibleAutocomplete))
}

enhanceSearchableSelects()
