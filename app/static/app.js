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
