import { useState } from 'react'
import Counter from './components/Counter.jsx'
import './App.css'

export default function App() {
  const [name, setName] = useState('world')
  return (
    <main className="app">
      <h1>Hello, {name}!</h1>
      <label>
        Your name{' '}
        <input value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <Counter start={0} />
    </main>
  )
}
