/** The seeded generator (mulberry32) the demo district and the tests' generated districts draw with. */
export { seededRandom } from '@luodi/domain';
