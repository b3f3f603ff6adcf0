# Debounce a search box.
debounce = (fn, wait = 200) ->
  timer = null
  (args...) ->
    clearTimeout timer
    timer = setTimeout (=> fn.apply this, args), wait

class Search
  constructor: (@input, @index) ->
    @input.addEventListener 'input', debounce(@run)

  run: =>
    query = @input.value.trim().toLowerCase()
    return if query.length < 2
    hits = (doc for doc in @index when query in doc.words)
    console.log "#{hits.length} hits for #{query}"

module.exports = Search
