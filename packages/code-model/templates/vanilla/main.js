const button = document.querySelector('#counter')
let count = 0

function render() {
  button.textContent = `Clicked ${count} time${count === 1 ? '' : 's'}`
}

button.addEventListener('click', () => {
  count += 1
  render()
})

render()
