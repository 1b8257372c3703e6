// Testing Library unmounts what a test rendered by itself only where the runner has global hooks;
// vitest runs without globals here, so the components project asks for it.
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

afterEach(cleanup)
