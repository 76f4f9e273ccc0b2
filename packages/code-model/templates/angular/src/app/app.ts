import { Component, computed, signal } from '@angular/core'

@Component({
  selector: 'app-root',
  templateUrl: './app.html',
  styleUrl: './app.css',
})
export class App {
  protected readonly name = signal('world')
  protected readonly count = signal(0)
  protected readonly label = computed(() => (this.count() === 1 ? 'time' : 'times'))

  protected rename(event: Event): void {
    this.name.set((event.target as HTMLInputElement).value)
  }

  protected increment(): void {
    this.count.update((c) => c + 1)
  }
}
