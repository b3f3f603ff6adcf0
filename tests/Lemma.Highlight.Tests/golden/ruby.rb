# frozen_string_literal: true

require "json"

module Blog
  class Post
    attr_reader :title, :tags

    def initialize(title:, tags: [], draft: false)
      @title = title
      @tags = tags.map(&:downcase).uniq
      @draft = draft
    end

    def slug = title.downcase.gsub(/[^a-z0-9]+/, "-").delete_suffix("-")

    def to_h
      { title: @title, slug: slug, tags: @tags, draft: @draft }
    end

    def self.load(path)
      JSON.parse(File.read(path), symbolize_names: true).map { |h| new(**h) }
    rescue Errno::ENOENT => e
      warn "no posts at #{path}: #{e.message}"
      []
    end
  end
end

posts = Blog::Post.load("posts.json").reject { _1.to_h[:draft] }
puts posts.group_by(&:tags).keys.inspect if $PROGRAM_NAME == __FILE__
