import Head from 'next/head'
import { useEffect, useState } from 'react'
import styles from '@/styles/Home.module.css'

type Hello = { message: string }

export default function Home() {
  const [hello, setHello] = useState<Hello | null>(null)
  useEffect(() => {
    fetch('/api/hello')
      .then((res) => res.json() as Promise<Hello>)
      .then(setHello)
  }, [])
  return (
    <>
      <Head>
        <title>Next.js starter</title>
      </Head>
      <main className={styles.main}>
        <h1>Hello, Next.js!</h1>
        <p>{hello ? hello.message : 'Asking the API…'}</p>
      </main>
    </>
  )
}
